// ActPanel: the act column of a case — the member card, the case verbs (claim, release,
// escalate, note, appeal decisions) and the ladder (dismiss, warn, remove content, suspend for
// 1/3/7/30 days, ban) with the suggested rung highlighted, a reason (canned with its placeholders
// filled, or free text), a preview of what the member will be told and of the side effects, and
// Apply (Ctrl+Enter). It builds the Action; the pane queues it.
#pragma once

#include "client/outbox/action.h"
#include "views/cases/detail/casedetaildata.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace skillex::client {
class Workspace;
}

namespace skillex::views {

class CannedReasonList;

class ActPanel : public QWidget {
    Q_OBJECT

public:
    enum class Mode {
        None,
        Dismiss,
        Warn,
        RemoveContent,
        Suspend,
        Ban,
        Escalate,
        Note,
        AppealUphold,
        AppealOverturn
    };
    Q_ENUM(Mode)

    ActPanel(client::Workspace *workspace, CannedReasonList *reasons, QWidget *parent = nullptr);

    // The case as cached; memberFile is the subject's cached admin file (may be empty), for the
    // upcoming sessions a sanction would cancel. blockedBy: why nothing may be queued now
    // (an unresolved conflict on the case), empty when acting is possible.
    void setCase(const CaseDetailData &data, const QJsonObject &memberFile,
                 const QString &blockedBy);
    void clearCase();

    // Picks a verb: the form asks for what it needs and focuses it. False (and the panel says
    // why) when the case's state or the person's role does not allow it.
    bool choose(Mode mode);
    Mode mode() const { return m_mode; }
    // Why a mode is not allowed now; empty when it is.
    QString whyNot(Mode mode) const;
    // Says why a verb cannot be used now, in the panel's problem line.
    void showProblem(const QString &text);
    // What the member will be told, as the server will write it (a canned reason filled in).
    QString previewText() const;

signals:
    // Apply with a valid form: the action to queue (without If-Match: the pane sets the version).
    void actRequested(const skillex::client::Action &action, const QString &label);
    // Claim and release need no form.
    void claimRequested();
    void releaseRequested();

public slots:
    void apply();

private:
    void buildCaseVerbs(QWidget *box);
    void buildLadder(QWidget *box);
    void buildForm(QWidget *box);
    void refreshEnabled();
    void refreshReasons();
    void refreshPlaceholders();
    void refreshPreview();
    QString actionName(Mode mode) const; // the wire action for ladder modes
    bool isLadder(Mode mode) const;
    QMap<QString, QString> placeholderValues() const;
    int suspendDays() const;

    client::Workspace *m_workspace = nullptr;
    CannedReasonList *m_reasons = nullptr;
    std::optional<CaseDetailData> m_case;
    QJsonObject m_memberFile;
    QString m_blockedBy;
    Mode m_mode = Mode::None;

    QLabel *m_memberCard = nullptr;
    QPushButton *m_claim = nullptr;
    QPushButton *m_release = nullptr;
    QHash<Mode, QPushButton *> m_modeButtons;
    QButtonGroup *m_group = nullptr;
    QLabel *m_suggestion = nullptr;
    QWidget *m_form = nullptr;
    QLabel *m_formTitle = nullptr;
    QComboBox *m_days = nullptr;
    QLabel *m_daysLabel = nullptr;
    QComboBox *m_canned = nullptr;
    QLabel *m_cannedLabel = nullptr;
    QFormLayout *m_placeholderForm = nullptr;
    QHash<QString, QLineEdit *> m_placeholderEdits;
    QLabel *m_textLabel = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QTextBrowser *m_preview = nullptr;
    QLabel *m_effects = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_apply = nullptr;
};

} // namespace skillex::views
