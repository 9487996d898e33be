#pragma once

// The canvas items: accounts (containers), buckets, keys and roles inside them, and rule arrows.
// They draw through the diagram painter (diagram/nodepainter.h), as the exported diagram does.
//
// Contract: an item keeps only its element id and re-reads the model through its CanvasScene on
// sync() and paint(); it never changes the model (gestures are handled by the scene and become
// undo commands). Buckets, keys and roles are child items of their account's item, so their
// position is their geometry relative to the account, as in the model.

#include "nodeitems.h"
#include "ruleitem.h"
