// AuditDetailView: one audit entry — who, what, when, why, request id and hash — and its before
// and after side by side, changed fields marked.
#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QStackedWidget;
class QTreeWidget;

namespace skillex::views {

class AuditDetailView : public QWidget {
    Q_OBJECT

public:
    explicit AuditDetailView(QWidget *parent = nullptr);

    // The entry as the server gave it (the cache's json column); empty shows the hint.
    void showEntry(const QJsonObject &entry);
    QTreeWidget *diffTree() const { return m_tree; }

private:
    QStackedWidget *m_stack = nullptr;
    QLabel *m_header = nullptr;
    QLabel *m_hash = nullptr;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_noChange = nullptr;
    QString m_fullHash;
};

} // namespace skillex::views
