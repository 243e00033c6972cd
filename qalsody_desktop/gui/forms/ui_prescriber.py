# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'prescriber.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QSizePolicy, QWidget)

class Ui_PrescriberForm(object):
    def setupUi(self, PrescriberForm):
        if not PrescriberForm.objectName():
            PrescriberForm.setObjectName(u"PrescriberForm")
        self.rootLayout = QHBoxLayout(PrescriberForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.prescriberGroup = QGroupBox(PrescriberForm)
        self.prescriberGroup.setObjectName(u"prescriberGroup")
        self.prescriberGroupLayout = QFormLayout(self.prescriberGroup)
        self.prescriberGroupLayout.setObjectName(u"prescriberGroupLayout")
        self.prescriberGroupLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.prescriberGroupLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.prescriber_name_label = QLabel(self.prescriberGroup)
        self.prescriber_name_label.setObjectName(u"prescriber_name_label")

        self.prescriberGroupLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.prescriber_name_label)

        self.prescriber_name = QLineEdit(self.prescriberGroup)
        self.prescriber_name.setObjectName(u"prescriber_name")

        self.prescriberGroupLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.prescriber_name)

        self.prescriber_credentials_label = QLabel(self.prescriberGroup)
        self.prescriber_credentials_label.setObjectName(u"prescriber_credentials_label")

        self.prescriberGroupLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.prescriber_credentials_label)

        self.prescriber_credentials = QLineEdit(self.prescriberGroup)
        self.prescriber_credentials.setObjectName(u"prescriber_credentials")

        self.prescriberGroupLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.prescriber_credentials)

        self.prescriber_npi_label = QLabel(self.prescriberGroup)
        self.prescriber_npi_label.setObjectName(u"prescriber_npi_label")

        self.prescriberGroupLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.prescriber_npi_label)

        self.prescriber_npi = QLineEdit(self.prescriberGroup)
        self.prescriber_npi.setObjectName(u"prescriber_npi")
        self.prescriber_npi.setMaximumSize(QSize(160, 16777215))

        self.prescriberGroupLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.prescriber_npi)

        self.prescriber_specialty_label = QLabel(self.prescriberGroup)
        self.prescriber_specialty_label.setObjectName(u"prescriber_specialty_label")

        self.prescriberGroupLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.prescriber_specialty_label)

        self.prescriber_specialty = QLineEdit(self.prescriberGroup)
        self.prescriber_specialty.setObjectName(u"prescriber_specialty")

        self.prescriberGroupLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.prescriber_specialty)

        self.prescriber_board_certification_label = QLabel(self.prescriberGroup)
        self.prescriber_board_certification_label.setObjectName(u"prescriber_board_certification_label")

        self.prescriberGroupLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.prescriber_board_certification_label)

        self.prescriber_board_certification = QLineEdit(self.prescriberGroup)
        self.prescriber_board_certification.setObjectName(u"prescriber_board_certification")

        self.prescriberGroupLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.prescriber_board_certification)

        self.prescriber_practice_label = QLabel(self.prescriberGroup)
        self.prescriber_practice_label.setObjectName(u"prescriber_practice_label")

        self.prescriberGroupLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.prescriber_practice_label)

        self.prescriber_practice = QLineEdit(self.prescriberGroup)
        self.prescriber_practice.setObjectName(u"prescriber_practice")

        self.prescriberGroupLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.prescriber_practice)

        self.prescriber_phone_label = QLabel(self.prescriberGroup)
        self.prescriber_phone_label.setObjectName(u"prescriber_phone_label")

        self.prescriberGroupLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.prescriber_phone_label)

        self.prescriber_phone = QLineEdit(self.prescriberGroup)
        self.prescriber_phone.setObjectName(u"prescriber_phone")

        self.prescriberGroupLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.prescriber_phone)

        self.prescriber_fax_label = QLabel(self.prescriberGroup)
        self.prescriber_fax_label.setObjectName(u"prescriber_fax_label")

        self.prescriberGroupLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.prescriber_fax_label)

        self.prescriber_fax = QLineEdit(self.prescriberGroup)
        self.prescriber_fax.setObjectName(u"prescriber_fax")

        self.prescriberGroupLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.prescriber_fax)


        self.rootLayout.addWidget(self.prescriberGroup)

        self.addressGroup = QGroupBox(PrescriberForm)
        self.addressGroup.setObjectName(u"addressGroup")
        self.addressGroupLayout = QFormLayout(self.addressGroup)
        self.addressGroupLayout.setObjectName(u"addressGroupLayout")
        self.addressGroupLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.addressGroupLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.prescriber_address_line1_label = QLabel(self.addressGroup)
        self.prescriber_address_line1_label.setObjectName(u"prescriber_address_line1_label")

        self.addressGroupLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.prescriber_address_line1_label)

        self.prescriber_address_line1 = QLineEdit(self.addressGroup)
        self.prescriber_address_line1.setObjectName(u"prescriber_address_line1")

        self.addressGroupLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.prescriber_address_line1)

        self.prescriber_address_line2_label = QLabel(self.addressGroup)
        self.prescriber_address_line2_label.setObjectName(u"prescriber_address_line2_label")

        self.addressGroupLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.prescriber_address_line2_label)

        self.prescriber_address_line2 = QLineEdit(self.addressGroup)
        self.prescriber_address_line2.setObjectName(u"prescriber_address_line2")

        self.addressGroupLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.prescriber_address_line2)

        self.prescriber_address_city_label = QLabel(self.addressGroup)
        self.prescriber_address_city_label.setObjectName(u"prescriber_address_city_label")

        self.addressGroupLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.prescriber_address_city_label)

        self.prescriber_address_city = QLineEdit(self.addressGroup)
        self.prescriber_address_city.setObjectName(u"prescriber_address_city")

        self.addressGroupLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.prescriber_address_city)

        self.prescriber_address_state_label = QLabel(self.addressGroup)
        self.prescriber_address_state_label.setObjectName(u"prescriber_address_state_label")

        self.addressGroupLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.prescriber_address_state_label)

        self.prescriber_address_state = QLineEdit(self.addressGroup)
        self.prescriber_address_state.setObjectName(u"prescriber_address_state")
        self.prescriber_address_state.setMaximumSize(QSize(160, 16777215))

        self.addressGroupLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.prescriber_address_state)

        self.prescriber_address_postal_code_label = QLabel(self.addressGroup)
        self.prescriber_address_postal_code_label.setObjectName(u"prescriber_address_postal_code_label")

        self.addressGroupLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.prescriber_address_postal_code_label)

        self.prescriber_address_postal_code = QLineEdit(self.addressGroup)
        self.prescriber_address_postal_code.setObjectName(u"prescriber_address_postal_code")
        self.prescriber_address_postal_code.setMaximumSize(QSize(160, 16777215))

        self.addressGroupLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.prescriber_address_postal_code)


        self.rootLayout.addWidget(self.addressGroup)

#if QT_CONFIG(shortcut)
        self.prescriber_name_label.setBuddy(self.prescriber_name)
        self.prescriber_credentials_label.setBuddy(self.prescriber_credentials)
        self.prescriber_npi_label.setBuddy(self.prescriber_npi)
        self.prescriber_specialty_label.setBuddy(self.prescriber_specialty)
        self.prescriber_board_certification_label.setBuddy(self.prescriber_board_certification)
        self.prescriber_practice_label.setBuddy(self.prescriber_practice)
        self.prescriber_phone_label.setBuddy(self.prescriber_phone)
        self.prescriber_fax_label.setBuddy(self.prescriber_fax)
        self.prescriber_address_line1_label.setBuddy(self.prescriber_address_line1)
        self.prescriber_address_line2_label.setBuddy(self.prescriber_address_line2)
        self.prescriber_address_city_label.setBuddy(self.prescriber_address_city)
        self.prescriber_address_state_label.setBuddy(self.prescriber_address_state)
        self.prescriber_address_postal_code_label.setBuddy(self.prescriber_address_postal_code)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PrescriberForm)

        QMetaObject.connectSlotsByName(PrescriberForm)
    # setupUi

    def retranslateUi(self, PrescriberForm):
        self.prescriberGroup.setTitle(QCoreApplication.translate("PrescriberForm", u"Prescriber", None))
        self.prescriber_name_label.setText(QCoreApplication.translate("PrescriberForm", u"Name", None))
        self.prescriber_credentials_label.setText(QCoreApplication.translate("PrescriberForm", u"Credentials", None))
        self.prescriber_npi_label.setText(QCoreApplication.translate("PrescriberForm", u"NPI", None))
        self.prescriber_npi.setPlaceholderText(QCoreApplication.translate("PrescriberForm", u"10 digits", None))
        self.prescriber_specialty_label.setText(QCoreApplication.translate("PrescriberForm", u"Specialty", None))
        self.prescriber_board_certification_label.setText(QCoreApplication.translate("PrescriberForm", u"Board certification", None))
        self.prescriber_practice_label.setText(QCoreApplication.translate("PrescriberForm", u"Practice", None))
        self.prescriber_phone_label.setText(QCoreApplication.translate("PrescriberForm", u"Phone", None))
        self.prescriber_fax_label.setText(QCoreApplication.translate("PrescriberForm", u"Fax", None))
        self.addressGroup.setTitle(QCoreApplication.translate("PrescriberForm", u"Practice address", None))
        self.prescriber_address_line1_label.setText(QCoreApplication.translate("PrescriberForm", u"Street", None))
        self.prescriber_address_line2_label.setText(QCoreApplication.translate("PrescriberForm", u"Street (line 2)", None))
        self.prescriber_address_city_label.setText(QCoreApplication.translate("PrescriberForm", u"City", None))
        self.prescriber_address_state_label.setText(QCoreApplication.translate("PrescriberForm", u"State", None))
        self.prescriber_address_state.setPlaceholderText(QCoreApplication.translate("PrescriberForm", u"e.g. NC", None))
        self.prescriber_address_postal_code_label.setText(QCoreApplication.translate("PrescriberForm", u"ZIP code", None))
        self.prescriber_address_postal_code.setPlaceholderText(QCoreApplication.translate("PrescriberForm", u"12345", None))
        pass
    # retranslateUi

