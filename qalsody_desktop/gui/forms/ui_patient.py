# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'patient.ui'
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

class Ui_PatientForm(object):
    def setupUi(self, PatientForm):
        if not PatientForm.objectName():
            PatientForm.setObjectName(u"PatientForm")
        self.rootLayout = QHBoxLayout(PatientForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.identityGroup = QGroupBox(PatientForm)
        self.identityGroup.setObjectName(u"identityGroup")
        self.identityGroupLayout = QFormLayout(self.identityGroup)
        self.identityGroupLayout.setObjectName(u"identityGroupLayout")
        self.identityGroupLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.identityGroupLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.patient_first_name_label = QLabel(self.identityGroup)
        self.patient_first_name_label.setObjectName(u"patient_first_name_label")

        self.identityGroupLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.patient_first_name_label)

        self.patient_first_name = QLineEdit(self.identityGroup)
        self.patient_first_name.setObjectName(u"patient_first_name")

        self.identityGroupLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.patient_first_name)

        self.patient_middle_name_label = QLabel(self.identityGroup)
        self.patient_middle_name_label.setObjectName(u"patient_middle_name_label")

        self.identityGroupLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.patient_middle_name_label)

        self.patient_middle_name = QLineEdit(self.identityGroup)
        self.patient_middle_name.setObjectName(u"patient_middle_name")

        self.identityGroupLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.patient_middle_name)

        self.patient_last_name_label = QLabel(self.identityGroup)
        self.patient_last_name_label.setObjectName(u"patient_last_name_label")

        self.identityGroupLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.patient_last_name_label)

        self.patient_last_name = QLineEdit(self.identityGroup)
        self.patient_last_name.setObjectName(u"patient_last_name")

        self.identityGroupLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.patient_last_name)

        self.patient_date_of_birth_label = QLabel(self.identityGroup)
        self.patient_date_of_birth_label.setObjectName(u"patient_date_of_birth_label")

        self.identityGroupLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.patient_date_of_birth_label)

        self.patient_date_of_birth = QLineEdit(self.identityGroup)
        self.patient_date_of_birth.setObjectName(u"patient_date_of_birth")
        self.patient_date_of_birth.setMaximumSize(QSize(160, 16777215))
        self.patient_date_of_birth.setMaxLength(10)

        self.identityGroupLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.patient_date_of_birth)

        self.patient_sex_label = QLabel(self.identityGroup)
        self.patient_sex_label.setObjectName(u"patient_sex_label")

        self.identityGroupLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.patient_sex_label)

        self.patient_sex = QComboBox(self.identityGroup)
        self.patient_sex.setObjectName(u"patient_sex")

        self.identityGroupLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.patient_sex)

        self.patient_mrn_label = QLabel(self.identityGroup)
        self.patient_mrn_label.setObjectName(u"patient_mrn_label")

        self.identityGroupLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.patient_mrn_label)

        self.patient_mrn = QLineEdit(self.identityGroup)
        self.patient_mrn.setObjectName(u"patient_mrn")

        self.identityGroupLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.patient_mrn)

        self.patient_phone_label = QLabel(self.identityGroup)
        self.patient_phone_label.setObjectName(u"patient_phone_label")

        self.identityGroupLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.patient_phone_label)

        self.patient_phone = QLineEdit(self.identityGroup)
        self.patient_phone.setObjectName(u"patient_phone")

        self.identityGroupLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.patient_phone)


        self.rootLayout.addWidget(self.identityGroup)

        self.addressGroup = QGroupBox(PatientForm)
        self.addressGroup.setObjectName(u"addressGroup")
        self.addressGroupLayout = QFormLayout(self.addressGroup)
        self.addressGroupLayout.setObjectName(u"addressGroupLayout")
        self.addressGroupLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.addressGroupLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.patient_address_line1_label = QLabel(self.addressGroup)
        self.patient_address_line1_label.setObjectName(u"patient_address_line1_label")

        self.addressGroupLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.patient_address_line1_label)

        self.patient_address_line1 = QLineEdit(self.addressGroup)
        self.patient_address_line1.setObjectName(u"patient_address_line1")

        self.addressGroupLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.patient_address_line1)

        self.patient_address_line2_label = QLabel(self.addressGroup)
        self.patient_address_line2_label.setObjectName(u"patient_address_line2_label")

        self.addressGroupLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.patient_address_line2_label)

        self.patient_address_line2 = QLineEdit(self.addressGroup)
        self.patient_address_line2.setObjectName(u"patient_address_line2")

        self.addressGroupLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.patient_address_line2)

        self.patient_address_city_label = QLabel(self.addressGroup)
        self.patient_address_city_label.setObjectName(u"patient_address_city_label")

        self.addressGroupLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.patient_address_city_label)

        self.patient_address_city = QLineEdit(self.addressGroup)
        self.patient_address_city.setObjectName(u"patient_address_city")

        self.addressGroupLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.patient_address_city)

        self.patient_address_state_label = QLabel(self.addressGroup)
        self.patient_address_state_label.setObjectName(u"patient_address_state_label")

        self.addressGroupLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.patient_address_state_label)

        self.patient_address_state = QLineEdit(self.addressGroup)
        self.patient_address_state.setObjectName(u"patient_address_state")
        self.patient_address_state.setMaximumSize(QSize(160, 16777215))

        self.addressGroupLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.patient_address_state)

        self.patient_address_postal_code_label = QLabel(self.addressGroup)
        self.patient_address_postal_code_label.setObjectName(u"patient_address_postal_code_label")

        self.addressGroupLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.patient_address_postal_code_label)

        self.patient_address_postal_code = QLineEdit(self.addressGroup)
        self.patient_address_postal_code.setObjectName(u"patient_address_postal_code")
        self.patient_address_postal_code.setMaximumSize(QSize(160, 16777215))

        self.addressGroupLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.patient_address_postal_code)


        self.rootLayout.addWidget(self.addressGroup)

#if QT_CONFIG(shortcut)
        self.patient_first_name_label.setBuddy(self.patient_first_name)
        self.patient_middle_name_label.setBuddy(self.patient_middle_name)
        self.patient_last_name_label.setBuddy(self.patient_last_name)
        self.patient_date_of_birth_label.setBuddy(self.patient_date_of_birth)
        self.patient_sex_label.setBuddy(self.patient_sex)
        self.patient_mrn_label.setBuddy(self.patient_mrn)
        self.patient_phone_label.setBuddy(self.patient_phone)
        self.patient_address_line1_label.setBuddy(self.patient_address_line1)
        self.patient_address_line2_label.setBuddy(self.patient_address_line2)
        self.patient_address_city_label.setBuddy(self.patient_address_city)
        self.patient_address_state_label.setBuddy(self.patient_address_state)
        self.patient_address_postal_code_label.setBuddy(self.patient_address_postal_code)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PatientForm)

        QMetaObject.connectSlotsByName(PatientForm)
    # setupUi

    def retranslateUi(self, PatientForm):
        self.identityGroup.setTitle(QCoreApplication.translate("PatientForm", u"Patient", None))
        self.patient_first_name_label.setText(QCoreApplication.translate("PatientForm", u"First name", None))
        self.patient_middle_name_label.setText(QCoreApplication.translate("PatientForm", u"Middle name", None))
        self.patient_last_name_label.setText(QCoreApplication.translate("PatientForm", u"Last name", None))
        self.patient_date_of_birth_label.setText(QCoreApplication.translate("PatientForm", u"Date of birth", None))
        self.patient_date_of_birth.setPlaceholderText(QCoreApplication.translate("PatientForm", u"YYYY-MM-DD", None))
        self.patient_sex_label.setText(QCoreApplication.translate("PatientForm", u"Sex", None))
        self.patient_mrn_label.setText(QCoreApplication.translate("PatientForm", u"MRN", None))
        self.patient_phone_label.setText(QCoreApplication.translate("PatientForm", u"Phone", None))
        self.addressGroup.setTitle(QCoreApplication.translate("PatientForm", u"Home address", None))
        self.patient_address_line1_label.setText(QCoreApplication.translate("PatientForm", u"Street", None))
        self.patient_address_line2_label.setText(QCoreApplication.translate("PatientForm", u"Street (line 2)", None))
        self.patient_address_city_label.setText(QCoreApplication.translate("PatientForm", u"City", None))
        self.patient_address_state_label.setText(QCoreApplication.translate("PatientForm", u"State", None))
        self.patient_address_state.setPlaceholderText(QCoreApplication.translate("PatientForm", u"e.g. NC", None))
        self.patient_address_postal_code_label.setText(QCoreApplication.translate("PatientForm", u"ZIP code", None))
        self.patient_address_postal_code.setPlaceholderText(QCoreApplication.translate("PatientForm", u"12345", None))
        pass
    # retranslateUi

