// ServerProfilesModel: the saved server profiles as a list model, for the sign-in dialog's picker.
#pragma once

#include "client/auth/serverprofile.h"

#include <QAbstractListModel>
#include <QList>

namespace skillex::client {
class ServerProfiles;
}

namespace skillex::models {

class ServerProfilesModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        UrlRole,
        LastEmailRole,
        KeepSignedInRole,
    };

    // Follows profiles as they change; profiles must outlive the model.
    explicit ServerProfilesModel(client::ServerProfiles *profiles, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The row of the profile called name, or -1.
    int rowOf(const QString &name) const;

private:
    client::ServerProfiles *m_profiles = nullptr;
    // A copy of the profiles as views last heard of them. ServerProfiles changes first and
    // tells us afterwards; serving from the copy keeps data() consistent between a begin and
    // an end call.
    QList<client::ServerProfile> m_rows;
};

} // namespace skillex::models
