// NewNodeDialog: a new category, or a new skill in a chosen category — English name and slug
// (suggested from the name), checked with the server's rules before anything is queued.
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace skillex::models {
class TaxonomyModel;
}

namespace skillex::views {

class NewNodeDialog : public QDialog {
    Q_OBJECT

public:
    // model given: a skill (pick its category, preselected categoryId); null: a category.
    NewNodeDialog(models::TaxonomyModel *model, qint64 categoryId, QWidget *parent = nullptr);

    static QString slugFor(const QString &name);
    static bool isValidSlug(const QString &slug);

signals:
    void created(qint64 categoryId, const QString &slug, const QString &englishName);

private:
    void tryAccept();

    QComboBox *m_category = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_slug = nullptr;
    QLabel *m_error = nullptr;
    bool m_slugTouched = false;
};

} // namespace skillex::views
