#pragma once

// The goal evaluator: whether a design meets a lab's goals, and why not.
//
// Every goal kind is one row of one table (goals.cpp): its name, the parameters it takes and
// one function deciding it. The lab reader checks a goal's parameters against its row, so the
// function only ever sees well-typed parameters. To add a kind: write its function, add a row.
//
// Contract: grading is a pure function of the lab and the design; it never throws. A goal that
// refers to an element the learner deleted is simply not met, with the reason.

#include "labs/lab.h"

#include <string>
#include <string_view>
#include <vector>

namespace s3rd::model::labs {

struct GoalResult
{
    bool met = false;
    std::string reason; // why met or not, one line naming the elements
};

// The results of the lab's goals for the design, in the lab's order.
std::vector<GoalResult> grade(const Lab &lab, const Design &design);

// The parameters of a goal kind, for the reader and the docs.
// CheckRule: a rule id of the checklist (checked against its rule table when the lab loads).
// BucketRef, KeyRef, AccountRef: an element id; RuleRef: a replication rule's ID. Each must be
// in the lab's start or solution design (the learner may be asked to create it).
enum class ParamType {
    String,
    Bool,
    Any,
    TestObject,
    Goals,
    CheckRule,
    BucketRef,
    KeyRef,
    AccountRef,
    RuleRef,
};
struct GoalParam
{
    std::string_view name;
    ParamType type;
    bool required;
};
struct GoalKindInfo
{
    std::string_view kind;
    std::vector<GoalParam> params;
};
// Every goal kind, in table order.
std::vector<GoalKindInfo> goalKinds();
const GoalKindInfo *findGoalKind(std::string_view kind);

} // namespace s3rd::model::labs
