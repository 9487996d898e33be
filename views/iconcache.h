#pragma once

// The product's icons for the widgets (palette, toolbar, window icon): the diagram's icon set,
// plus the resources only the designer needs (the example designs offered as templates).

#include "icons.h"

namespace s3rd::views {

using diagram::icon;
using diagram::iconPath;
using diagram::IconKind;
using diagram::paintIcon;

// Registers the compiled-in resources: icons and templates. Safe to call more than once.
void initResources();

} // namespace s3rd::views
