// ServerProfilesModel: translates ServerProfiles' change signals into row insertions and removals.
#include "models/serverprofilesmodel.h"

#include "client/auth/serverprofiles.h"

namespace skillex::models {

ServerProfilesModel::ServerProfilesModel(client::ServerProfiles *profiles, QObject *parent)
    : QAbstractListModel(parent)
    , m_profiles(profiles)
    , m_rows(profiles->profiles())
{
    connect(m_profiles, &client::ServerProfiles::profileAdded, this, [this](int row) {
        beginInsertRows({}, row, row);
        m_rows.insert(row, m_profiles->profiles().at(row));
        endInsertRows();
    });
    connect(m_profiles, &client::ServerProfiles::profileRemoved, this, [this](int row) {
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    });
    connect(m_profiles, &client::ServerProfiles::profileChanged, this, [this](int row) {
        m_rows[row] = m_profiles->profiles().at(row);
        const QModelIndex changed = index(row);
        emit dataChanged(changed, changed);
    });
}

int ServerProfilesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ServerProfilesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &profile = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return profile.name;
    case Qt::ToolTipRole:
        return profile.url.toString();
    case UrlRole:
        return profile.url;
    case LastEmailRole:
        return profile.lastEmail;
    case KeepSignedInRole:
        return profile.keepSignedIn;
    default:
        return {};
    }
}

QHash<int, QByteArray> ServerProfilesModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(UrlRole, "url");
    names.insert(LastEmailRole, "lastEmail");
    names.insert(KeepSignedInRole, "keepSignedIn");
    return names;
}

int ServerProfilesModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).name.compare(name, Qt::CaseInsensitive) == 0)
            return row;
    }
    return -1;
}

} // namespace skillex::models
