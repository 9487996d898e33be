#pragma once

// Auto-arrange: gives every account, bucket, key and role a position on the canvas.
//
// Accounts become columns grouped by their main region (mainRegion, accountregion.h), ordered
// by region and then by design order; big designs wrap several accounts into one column so the
// layout stays roughly square. Inside an account, buckets sit in a grid (grouped by region),
// keys and roles in rows below them. Nothing overlaps, and buckets keep room between them for
// the labels of the arrows that join them. Pure function of the design;
// the designer pushes the result as one undo step, the importer calls it on what it imported.

#include "design.h"

namespace s3rd::model {

// Default sizes of the canvas items, shared by the layout and the designer's canvas: a zero
// width or height in a Geometry means these.
namespace layout {
inline constexpr double kBucketWidth = 200;
inline constexpr double kBucketHeight = 88;
inline constexpr double kKeyWidth = 180;
inline constexpr double kKeyHeight = 60;
inline constexpr double kRoleWidth = 180;
inline constexpr double kRoleHeight = 60;
inline constexpr double kAccountHeader = 58; // name, account id and partition
inline constexpr double kAccountPadding = 24;
inline constexpr double kItemGap = 28;
// Between buckets side by side and between rows of buckets: room for an arrow's label beside
// the arrow (a label is about 130 wide and 20 high).
inline constexpr double kBucketColumnGap = 170;
inline constexpr double kBucketRowGap = 56;
inline constexpr double kAccountGap = 200; // room for the arrows between accounts and labels
inline constexpr double kMinAccountWidth = 280;
inline constexpr double kMinAccountHeight = 160;
} // namespace layout

// Returns a copy of the design with every element placed. Element order and everything other
// than geometry is unchanged.
Design autoArrange(const Design &design);

// True when no account, bucket, key or role has a position or size (a design written by hand
// or imported), i.e. the design needs auto-arranging before it can be shown.
bool lacksLayout(const Design &design);

} // namespace s3rd::model
