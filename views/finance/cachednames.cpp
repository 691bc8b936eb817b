// cachednames: one indexed read on the GUI thread's shared cache connection.
#include "views/finance/cachednames.h"

#include "client/cache/cachedb.h"
#include "client/cache/cacheerror.h"
#include "client/cache/cachereader.h"
#include "client/workspace/workspace.h"

#include <QCoreApplication>

namespace skillex::views::finance {

namespace {

QString lookUp(client::Workspace *workspace, const QString &sql, qint64 id)
{
    if (!workspace->cache() || id <= 0)
        return {};
    try {
        return workspace->cache()->reader()->scalar(sql, {id}).toString();
    } catch (const client::CacheError &) {
        return {}; // a name is a nicety: the id is shown anyway
    }
}

} // namespace

QString staffName(client::Workspace *workspace, qint64 id)
{
    const QString name =
        lookUp(workspace, QStringLiteral("SELECT name FROM staff WHERE id = ?"), id);
    return name.isEmpty() ? QCoreApplication::translate("Finance", "staff #%1").arg(id)
                          : QStringLiteral("%1 (#%2)").arg(name).arg(id);
}

QString memberName(client::Workspace *workspace, qint64 id)
{
    const QString name =
        lookUp(workspace, QStringLiteral("SELECT name FROM users WHERE id = ?"), id);
    return name.isEmpty() ? QCoreApplication::translate("Finance", "member #%1").arg(id)
                          : QStringLiteral("%1 (#%2)").arg(name).arg(id);
}

} // namespace skillex::views::finance
