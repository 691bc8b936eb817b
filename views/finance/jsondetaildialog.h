// JsonDetailDialog: a linked object (adjustment, session, case, member) as the server describes
// it, field by field, loaded when opened; read-only, copyable.
#pragma once

#include <QDialog>
#include <QJsonObject>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace skillex::client {
class ApiClient;
}

namespace skillex::views::finance {

class JsonDetailDialog : public QDialog {
    Q_OBJECT

public:
    // Loads GET path and shows it under title.
    JsonDetailDialog(client::ApiClient *api, const QString &title, const QString &path,
                     QWidget *parent = nullptr);

    QJsonObject object() const { return m_object; }
    bool isLoaded() const { return !m_object.isEmpty(); }

signals:
    void loaded();

private:
    void load();
    void display(const QJsonObject &object);
    static void addValue(QTreeWidgetItem *parent, QTreeWidget *tree, const QString &key,
                         const QJsonValue &value);

    client::ApiClient *m_api = nullptr;
    QString m_path;
    QLabel *m_status = nullptr;
    QTreeWidget *m_tree = nullptr;
    QJsonObject m_object;
};

} // namespace skillex::views::finance
