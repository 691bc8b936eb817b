// NamesGrid: the limits are the server's (en 1-100 characters, others 0-100), checked here
// first so a bad entry is explained next to the field and nothing typed is lost.
#include "views/taxonomy/namesgrid.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>

namespace skillex::views {

namespace {

QString languageLabel(const QString &code)
{
    if (code == QLatin1String("en"))
        return NamesGrid::tr("English (en)");
    if (code == QLatin1String("de"))
        return NamesGrid::tr("German (de)");
    if (code == QLatin1String("it"))
        return NamesGrid::tr("Italian (it)");
    return NamesGrid::tr("Hindi (hi)");
}

} // namespace

NamesGrid::NamesGrid(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("namesGrid"));
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(6);
    int row = 0;
    for (const QString &code : languages()) {
        auto *label = new QLabel(languageLabel(code), this);
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QStringLiteral("name_") + code);
        edit->setAccessibleName(tr("Name in %1").arg(languageLabel(code)));
        edit->setMaxLength(100);
        label->setBuddy(edit);
        auto *state = new QLabel(this);
        state->setObjectName(QStringLiteral("state_") + code);
        state->setMinimumWidth(72);
        grid->addWidget(label, row, 0);
        grid->addWidget(edit, row, 1);
        grid->addWidget(state, row, 2);
        m_edits.insert(code, edit);
        m_states.insert(code, state);
        connect(edit, &QLineEdit::textEdited, this, [this] {
            refreshStates();
            emit edited();
        });
        ++row;
    }
    grid->setColumnStretch(1, 1);
}

void NamesGrid::setNames(const QVariantMap &names)
{
    m_saved = names;
    for (const QString &code : languages())
        m_edits.value(code)->setText(names.value(code).toString());
    refreshStates();
}

QJsonObject NamesGrid::edits() const
{
    QJsonObject out;
    for (const QString &code : languages()) {
        const QString now = m_edits.value(code)->text().simplified();
        if (now != m_saved.value(code).toString().simplified())
            out.insert(code, now);
    }
    return out;
}

QString NamesGrid::validate() const
{
    const QJsonObject e = edits();
    if (e.contains(QStringLiteral("en")) && e.value(QStringLiteral("en")).toString().isEmpty())
        return tr("The English name is required: members see it when a translation is missing.");
    for (auto it = e.constBegin(); it != e.constEnd(); ++it) {
        const QString text = it.value().toString();
        for (const QChar c : text)
            if (c.category() == QChar::Other_Control)
                return tr("The %1 name holds a control character.").arg(languageLabel(it.key()));
    }
    return {};
}

void NamesGrid::setReadOnly(bool readOnly)
{
    for (QLineEdit *edit : std::as_const(m_edits)) {
        edit->setReadOnly(readOnly);
        // Read-only fields look like text on the page, not like an invitation to type.
        edit->setFrame(!readOnly);
    }
}

QLineEdit *NamesGrid::editor(const QString &language) const
{
    return m_edits.value(language);
}

void NamesGrid::refreshStates()
{
    const QJsonObject e = edits();
    for (const QString &code : languages()) {
        QLabel *state = m_states.value(code);
        const bool empty = m_edits.value(code)->text().trimmed().isEmpty();
        if (e.contains(code)) {
            state->setText(tr("Edited"));
            state->setStyleSheet(QStringLiteral("color: palette(link); font-weight: 600;"));
        } else if (empty) {
            // A word with the colour: the state never rests on colour alone (UI.md).
            state->setText(tr("\u26A0 Missing"));
            state->setStyleSheet(QStringLiteral("color: #b26a00; font-weight: 600;"));
        } else {
            state->clear();
            state->setStyleSheet({});
        }
        m_edits.value(code)->setPlaceholderText(empty && code != QLatin1String("en")
                                                    ? tr("missing: members see the English name")
                                                    : QString());
    }
}

} // namespace skillex::views
