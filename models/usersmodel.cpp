// UsersModel: columns and filters of the users list.
#include "models/usersmodel.h"

#include <QDateTime>
#include <QLocale>

namespace skillex::models {

UsersModel::UsersModel(client::CacheDb *db, QObject *parent)
    : WindowedSqlModel(db, parent)
{
    const auto left = Qt::AlignLeft | Qt::AlignVCenter;
    setSource(QStringLiteral("users u"), QStringLiteral("users"), QStringLiteral("u.id"),
              {
                  {tr("Name"), QStringLiteral("u.name"), {}, left, QStringLiteral("u.sort_name")},
                  {tr("Email"), QStringLiteral("u.email"), {}, left, {}},
                  {tr("Kind"), QStringLiteral("u.kind"), {}, left, {}},
                  {tr("Status"), QStringLiteral("u.status"), {}, left, {}},
                  {tr("Since"), QStringLiteral("u.created_at"),
                   [](const QVariantList &v) {
                       return QLocale().toString(
                           QDateTime::fromMSecsSinceEpoch(v.at(Since).toLongLong()).date(),
                           QLocale::ShortFormat);
                   },
                   Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("u.created_at")},
              });
    // A queued suspension, ban proposal or reinstatement shows in the Status column.
    setOverlay(QStringLiteral("user"), Status);
    apply();
}

void UsersModel::setSearch(const QString &text)
{
    if (text.trimmed() == m_search)
        return;
    m_search = text.trimmed();
    apply();
}

void UsersModel::setKind(const QString &kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    apply();
}

void UsersModel::sort(int column, Qt::SortOrder order)
{
    if (column == Name)
        m_sort = {QStringLiteral("u.sort_name"), order};
    else if (column == Since)
        m_sort = {QStringLiteral("u.created_at"), order};
    else
        return;
    apply();
}

void UsersModel::apply()
{
    QStringList where;
    QVariantList values;
    if (!m_kind.isEmpty()) {
        where << QStringLiteral("u.kind = ?");
        values << m_kind;
    }
    if (!m_search.isEmpty()) {
        // sort_name is the lower-cased name; LIKE is case-insensitive for ASCII emails.
        QString pattern = m_search.toLower();
        pattern.replace(u'\\', QStringLiteral("\\\\"))
            .replace(u'%', QStringLiteral("\\%"))
            .replace(u'_', QStringLiteral("\\_"));
        bool isId = false;
        const qint64 id = m_search.toLongLong(&isId);
        where << (isId ? QStringLiteral("(u.sort_name LIKE ? ESCAPE '\\' OR u.email LIKE ? "
                                        "ESCAPE '\\' OR u.id = ?)")
                       : QStringLiteral("(u.sort_name LIKE ? ESCAPE '\\' OR u.email LIKE ? "
                                        "ESCAPE '\\')"));
        values << QStringLiteral("%%1%").arg(pattern) << QStringLiteral("%%1%").arg(pattern);
        if (isId)
            values << id;
    }
    setQuery(m_sort, SqlFilter{where.join(QStringLiteral(" AND ")), values});
}

} // namespace skillex::models
