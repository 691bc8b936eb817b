// AdjustmentForm: a staff credit adjustment (member, amount, reason, linked case), queued
// through the outbox. Up to the threshold it posts at once; above it the server keeps it for a
// second finance person or an admin, and the form says so.
#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace skillex::client {
class Workspace;
}

namespace skillex::views::finance {

class ActionRunner;

class AdjustmentForm : public QWidget {
    Q_OBJECT

public:
    // The server's adjustmentApprovalThreshold default (DOMAIN.md).
    static constexpr qint64 kApprovalThreshold = 500;

    explicit AdjustmentForm(client::Workspace *workspace, QWidget *parent = nullptr);

    void setMember(qint64 userId);
    void setAmount(qint64 amount);
    void setReason(const QString &reason);
    void setCaseId(qint64 caseId);
    // Validates and queues; false (with the message shown) when something is wrong.
    bool submit();
    QString messageText() const;
    // The last adjustment the server created (empty until one is).
    QJsonObject lastCreated() const { return m_created; }

signals:
    void created(const QJsonObject &adjustment);

private:
    void updateHint();

    client::Workspace *m_workspace = nullptr;
    ActionRunner *m_runner = nullptr;
    QLineEdit *m_member = nullptr;
    QSpinBox *m_amount = nullptr;
    QPlainTextEdit *m_reason = nullptr;
    QLineEdit *m_case = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_submit = nullptr;
    QJsonObject m_created;
};

} // namespace skillex::views::finance
