# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'request.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QSizePolicy,
    QWidget)

class Ui_RequestForm(object):
    def setupUi(self, RequestForm):
        if not RequestForm.objectName():
            RequestForm.setObjectName(u"RequestForm")
        self.rootLayout = QHBoxLayout(RequestForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.requestGroup = QGroupBox(RequestForm)
        self.requestGroup.setObjectName(u"requestGroup")
        self.requestGroupLayout = QFormLayout(self.requestGroup)
        self.requestGroupLayout.setObjectName(u"requestGroupLayout")
        self.requestGroupLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.requestGroupLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.request_drug_label = QLabel(self.requestGroup)
        self.request_drug_label.setObjectName(u"request_drug_label")

        self.requestGroupLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.request_drug_label)

        self.request_drug = QLineEdit(self.requestGroup)
        self.request_drug.setObjectName(u"request_drug")

        self.requestGroupLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.request_drug)

        self.request_urgency_label = QLabel(self.requestGroup)
        self.request_urgency_label.setObjectName(u"request_urgency_label")

        self.requestGroupLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.request_urgency_label)

        self.request_urgency = QComboBox(self.requestGroup)
        self.request_urgency.setObjectName(u"request_urgency")

        self.requestGroupLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.request_urgency)

        self.request_site_of_care_label = QLabel(self.requestGroup)
        self.request_site_of_care_label.setObjectName(u"request_site_of_care_label")

        self.requestGroupLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.request_site_of_care_label)

        self.request_site_of_care = QComboBox(self.requestGroup)
        self.request_site_of_care.addItem("")
        self.request_site_of_care.addItem("")
        self.request_site_of_care.addItem("")
        self.request_site_of_care.addItem("")
        self.request_site_of_care.addItem("")
        self.request_site_of_care.setObjectName(u"request_site_of_care")
        self.request_site_of_care.setEditable(True)

        self.requestGroupLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.request_site_of_care)

        self.request_hcpcs_label = QLabel(self.requestGroup)
        self.request_hcpcs_label.setObjectName(u"request_hcpcs_label")

        self.requestGroupLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.request_hcpcs_label)

        self.request_hcpcs = QLineEdit(self.requestGroup)
        self.request_hcpcs.setObjectName(u"request_hcpcs")
        self.request_hcpcs.setMaximumSize(QSize(160, 16777215))

        self.requestGroupLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.request_hcpcs)


        self.rootLayout.addWidget(self.requestGroup)

#if QT_CONFIG(shortcut)
        self.request_drug_label.setBuddy(self.request_drug)
        self.request_urgency_label.setBuddy(self.request_urgency)
        self.request_site_of_care_label.setBuddy(self.request_site_of_care)
        self.request_hcpcs_label.setBuddy(self.request_hcpcs)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RequestForm)

        QMetaObject.connectSlotsByName(RequestForm)
    # setupUi

    def retranslateUi(self, RequestForm):
        self.requestGroup.setTitle(QCoreApplication.translate("RequestForm", u"Request", None))
        self.request_drug_label.setText(QCoreApplication.translate("RequestForm", u"Drug", None))
        self.request_urgency_label.setText(QCoreApplication.translate("RequestForm", u"Urgency", None))
        self.request_site_of_care_label.setText(QCoreApplication.translate("RequestForm", u"Site of care", None))
        self.request_site_of_care.setItemText(0, "")
        self.request_site_of_care.setItemText(1, QCoreApplication.translate("RequestForm", u"hospital outpatient infusion", None))
        self.request_site_of_care.setItemText(2, QCoreApplication.translate("RequestForm", u"hospital outpatient department", None))
        self.request_site_of_care.setItemText(3, QCoreApplication.translate("RequestForm", u"physician office", None))
        self.request_site_of_care.setItemText(4, QCoreApplication.translate("RequestForm", u"ambulatory infusion center", None))

        self.request_hcpcs_label.setText(QCoreApplication.translate("RequestForm", u"HCPCS", None))
        self.request_hcpcs.setPlaceholderText(QCoreApplication.translate("RequestForm", u"e.g. J1304", None))
        pass
    # retranslateUi

