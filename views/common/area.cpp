// The area table: one switch per property, so adding an area is one edit per function here.
#include "views/common/area.h"

#include <QCoreApplication>

namespace skillex::views {

QList<Area> allAreas()
{
    return {Area::Dashboard, Area::Cases, Area::Users, Area::Finance, Area::Taxonomy, Area::Audit};
}

QString areaKey(Area area)
{
    switch (area) {
    case Area::Dashboard:
        return QStringLiteral("dashboard");
    case Area::Cases:
        return QStringLiteral("cases");
    case Area::Users:
        return QStringLiteral("users");
    case Area::Finance:
        return QStringLiteral("finance");
    case Area::Taxonomy:
        return QStringLiteral("taxonomy");
    case Area::Audit:
        return QStringLiteral("audit");
    }
    return {};
}

std::optional<Area> areaFromKey(const QString &key)
{
    for (Area area : allAreas()) {
        if (areaKey(area).compare(key.trimmed(), Qt::CaseInsensitive) == 0)
            return area;
    }
    return std::nullopt;
}

QString areaLabel(Area area)
{
    switch (area) {
    case Area::Dashboard:
        return QCoreApplication::translate("Area", "Dashboard");
    case Area::Cases:
        return QCoreApplication::translate("Area", "Cases");
    case Area::Users:
        return QCoreApplication::translate("Area", "Users");
    case Area::Finance:
        return QCoreApplication::translate("Area", "Finance");
    case Area::Taxonomy:
        return QCoreApplication::translate("Area", "Taxonomy");
    case Area::Audit:
        return QCoreApplication::translate("Area", "Audit");
    }
    return {};
}

QString areaDescription(Area area)
{
    switch (area) {
    case Area::Dashboard:
        return QCoreApplication::translate(
            "Area", "The marketplace at a glance will appear here: active members, sessions, "
                    "revenue, credits and the moderation load, live, with charts you can export.");
    case Area::Cases:
        return QCoreApplication::translate(
            "Area", "The moderation queue will appear here: triage reports, read evidence, act "
                    "on the ladder.");
    case Area::Users:
        return QCoreApplication::translate(
            "Area", "Member search will appear here: profiles, skills, sessions, wallet, strikes "
                    "and sanctions, and the cases a member is part of.");
    case Area::Finance:
        return QCoreApplication::translate(
            "Area", "The ledger will appear here: transfers, statements, payments and refunds, "
                    "credit adjustments with their approvals, and the ledger check.");
    case Area::Taxonomy:
        return QCoreApplication::translate(
            "Area", "The skills taxonomy will appear here: categories and skills with their names "
                    "in every language, aliases, and merges with a preview.");
    case Area::Audit:
        return QCoreApplication::translate(
            "Area", "The audit log will appear here: every staff action with its reason, before "
                    "and after, and a check of the hash chain.");
    }
    return {};
}

QString areaIconPath(Area area)
{
    return QStringLiteral(":/icons/%1.svg").arg(areaKey(area));
}

bool areaVisibleFor(Area area, const QList<protocol::Role> &roles)
{
    using protocol::Permission;
    switch (area) {
    case Area::Dashboard:
    case Area::Users:
    case Area::Audit:
        return protocol::rolesAllow(roles, Permission::ViewDashboards);
    case Area::Cases:
        return protocol::rolesAllow(roles, Permission::ModerateCases);
    case Area::Finance:
        return protocol::rolesAllow(roles, Permission::ViewFinance);
    case Area::Taxonomy:
        return protocol::rolesAllow(roles, Permission::ManageTaxonomy);
    }
    return false;
}

} // namespace skillex::views
