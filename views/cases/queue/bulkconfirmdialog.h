// BulkConfirmDialog: says exactly what a bulk action will do ("Dismiss 3 cases: #12, #15,
// #19"), asks for the reason when the verb needs one, and only then lets it go.
#pragma once

#include "views/cases/queue/bulkactions.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace skillex::views {

class BulkConfirmDialog : public QDialog {
    Q_OBJECT

public:
    BulkConfirmDialog(BulkVerb verb, const QList<qint64> &caseIds, QWidget *parent = nullptr);

    QString summary() const;
    QString reason() const;
    QPlainTextEdit *reasonField() const { return m_reason; }
    QPushButton *confirmButton() const { return m_confirm; }

private:
    void updateButton();

    BulkVerb m_verb;
    QLabel *m_summary = nullptr;
    QPlainTextEdit *m_reason = nullptr;
    QPushButton *m_confirm = nullptr;
};

} // namespace skillex::views
