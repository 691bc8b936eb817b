// NewNodeDialog: slugs are 2-64 characters of lower-case words joined by single hyphens.
#include "views/taxonomy/newnodedialog.h"

#include "models/taxonomymodel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace skillex::views {

using models::TaxonomyModel;

NewNodeDialog::NewNodeDialog(TaxonomyModel *model, qint64 categoryId, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("newNodeDialog"));
    setWindowTitle(model ? tr("New skill") : tr("New category"));
    auto *form = new QFormLayout;
    if (model) {
        m_category = new QComboBox(this);
        m_category->setAccessibleName(tr("Category"));
        for (int r = 0; r < model->rowCount(); ++r) {
            const QModelIndex c = model->index(r, 0);
            m_category->addItem(c.data().toString(), c.data(TaxonomyModel::IdRole));
        }
        m_category->setCurrentIndex(qMax(0, m_category->findData(categoryId)));
        form->addRow(tr("&Category"), m_category);
    }
    m_name = new QLineEdit(this);
    m_name->setAccessibleName(tr("English name"));
    m_name->setMaxLength(100);
    m_slug = new QLineEdit(this);
    m_slug->setAccessibleName(tr("Slug"));
    m_slug->setMaxLength(64);
    m_slug->setPlaceholderText(tr("lower-case-words"));
    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (!m_slugTouched)
            m_slug->setText(slugFor(text));
    });
    connect(m_slug, &QLineEdit::textEdited, this, [this] { m_slugTouched = true; });
    form->addRow(tr("English &name"), m_name);
    form->addRow(tr("&Slug"), m_slug);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
    auto *note = new QLabel(tr("Translations and aliases can be added once it is created."), this);
    note->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewNodeDialog::tryAccept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

QString NewNodeDialog::slugFor(const QString &name)
{
    QString slug = name.normalized(QString::NormalizationForm_KD).toLower();
    slug.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    slug.replace(QRegularExpression(QStringLiteral("^-+|-+$")), QString());
    return slug.left(64);
}

bool NewNodeDialog::isValidSlug(const QString &slug)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    return slug.size() >= 2 && slug.size() <= 64 && re.match(slug).hasMatch();
}

void NewNodeDialog::tryAccept()
{
    const QString name = m_name->text().simplified();
    const QString slug = m_slug->text().trimmed();
    if (name.isEmpty()) {
        m_error->setText(tr("\u2716 The English name is required."));
        m_name->setFocus();
        return;
    }
    if (!isValidSlug(slug)) {
        m_error->setText(tr("\u2716 The slug must be 2-64 lower-case letters and digits in words "
                            "joined by single hyphens, like web-development."));
        m_slug->setFocus();
        return;
    }
    emit created(m_category ? m_category->currentData().toLongLong() : 0, slug, name);
    accept();
}

} // namespace skillex::views
