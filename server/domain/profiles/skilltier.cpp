// The tier boundaries live here and nowhere else.
#include "server/domain/profiles/skilltier.h"

namespace skillex::server {

SkillTier tierFor(int proficiency)
{
    if (proficiency < 30)
        return SkillTier::Beginner;
    if (proficiency < 60)
        return SkillTier::Intermediate;
    if (proficiency < 85)
        return SkillTier::Advanced;
    return SkillTier::Expert;
}

QString tierName(SkillTier tier)
{
    switch (tier) {
    case SkillTier::Beginner:
        return QStringLiteral("beginner");
    case SkillTier::Intermediate:
        return QStringLiteral("intermediate");
    case SkillTier::Advanced:
        return QStringLiteral("advanced");
    case SkillTier::Expert:
        break;
    }
    return QStringLiteral("expert");
}

} // namespace skillex::server
