// DashboardSparkline: a tile's small trend line over the range's buckets, painted directly
// (a QChart per tile would be heavy for a dozen tiles).
#pragma once

#include <QList>
#include <QWidget>

namespace skillex::views {

class DashboardSparkline : public QWidget {
    Q_OBJECT

public:
    explicit DashboardSparkline(QWidget *parent = nullptr);

    void setValues(const QList<double> &values);
    const QList<double> &values() const { return m_values; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<double> m_values;
};

} // namespace skillex::views
