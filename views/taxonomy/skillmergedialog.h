// SkillMergeDialog: merge one skill into another. The admin picks the target, the server's dry run
// says how many member skills and sessions would move, and only then can the merge be
// confirmed — for exactly the target that was previewed.
#pragma once

#include <QDialog>
#include <QJsonObject>

class QComboBox;
class QLabel;
class QPushButton;

namespace skillex::client {
class ApiClient;
}
namespace skillex::models {
class TaxonomyModel;
}

namespace skillex::views {

class SkillMergeDialog : public QDialog {
    Q_OBJECT

public:
    SkillMergeDialog(client::ApiClient *api, models::TaxonomyModel *model, qint64 fromId,
                     const QString &fromName, QWidget *parent = nullptr);

    void setTarget(qint64 intoId);
    qint64 target() const;
    // The dry run's plan for target() (empty until it came back).
    QJsonObject preview() const { return m_preview; }
    qint64 previewedTarget() const { return m_previewedInto; }

public slots:
    void runPreview();

signals:
    void mergeConfirmed(qint64 fromId, qint64 intoId, const QJsonObject &preview);

private:
    void showPreview(const QJsonObject &plan);
    void resetPreview();

    client::ApiClient *m_api = nullptr;
    qint64 m_fromId = 0;
    QComboBox *m_target = nullptr;
    QPushButton *m_previewButton = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_merge = nullptr;
    QJsonObject m_preview;
    qint64 m_previewedInto = 0;
    int m_generation = 0; // drops a dry run's answer once the target changed
};

} // namespace skillex::views
