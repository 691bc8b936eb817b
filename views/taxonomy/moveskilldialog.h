// MoveSkillDialog: the keyboard's way to move a skill to another category ("Move to…", Ctrl+M):
// type to narrow the categories, Enter to choose.
#pragma once

#include <QDialog>

class QLineEdit;
class QListWidget;

namespace skillex::models {
class TaxonomyModel;
}

namespace skillex::views {

class MoveSkillDialog : public QDialog {
    Q_OBJECT

public:
    MoveSkillDialog(models::TaxonomyModel *model, qint64 currentCategoryId,
                    const QString &skillName, QWidget *parent = nullptr);

    // Selects the category (tests and the command field use it).
    void choose(qint64 categoryId);

signals:
    void categoryChosen(qint64 categoryId);

private:
    void applyFilter(const QString &text);

    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
};

} // namespace skillex::views
