// Proficiency 0-100 mapped to the tier members see (DOMAIN.md: <30, <60, <85, expert).
#pragma once

#include <QString>

namespace skillex::server {

enum class SkillTier { Beginner, Intermediate, Advanced, Expert };

SkillTier tierFor(int proficiency);
QString tierName(SkillTier tier); // "beginner", "intermediate", "advanced", "expert"

} // namespace skillex::server
