#pragma once

// The properties of each kind of element, as the form shows them: which fields, in which order,
// with which checks and explanations. Everything about how a field works is in PropertyForm.

#include "document.h"

namespace s3rd::views {

class PropertyForm;

// Adds the fields of an element of this kind to the form.
void buildEditor(PropertyForm &form, document::ElementKind kind);

} // namespace s3rd::views
