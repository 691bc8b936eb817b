// MemberSanctionDialog: confirms a suspension, a ban proposal or a reinstatement of a member, with
// a required reason and the side effects spelled out before anything is queued.
#pragma once

#include <QDialog>
#include <QJsonObject>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace skillex::views {

class MemberSanctionDialog : public QDialog {
    Q_OBJECT

public:
    enum class Kind { Suspend, Ban, Reinstate };

    // detail: the member's file as cached (for the name and the upcoming sessions).
    MemberSanctionDialog(Kind kind, const QJsonObject &detail, QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    QString reason() const;
    int durationDays() const; // Suspend only: 1, 3, 7 or 30

    // The sentence that says what will happen (also for tests).
    QString sideEffects() const;

private:
    void updateState();

    Kind m_kind;
    QJsonObject m_detail;
    QComboBox *m_duration = nullptr;
    QPlainTextEdit *m_reason = nullptr;
    QLabel *m_effects = nullptr;
    QLabel *m_hint = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace skillex::views
