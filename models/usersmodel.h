// UsersModel: every account in the cache (members and staff), windowed, with instant search.
#pragma once

#include "models/windowed/windowedsqlmodel.h"

namespace skillex::models {

class UsersModel : public WindowedSqlModel {
    Q_OBJECT

public:
    enum Column { Name, Email, Kind, Status, Since };
    Q_ENUM(Column)

    explicit UsersModel(client::CacheDb *db, QObject *parent = nullptr);

    // Name or email containing the text (case-insensitive), or the account's id when the text
    // is a number (as the server's q); empty shows everyone.
    void setSearch(const QString &text);
    // "member" or "staff"; empty for both.
    void setKind(const QString &kind);
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void apply();

    QString m_search;
    QString m_kind;
    SortSpec m_sort{QStringLiteral("u.sort_name"), Qt::AscendingOrder};
};

} // namespace skillex::models
