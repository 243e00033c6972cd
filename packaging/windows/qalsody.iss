; Inno Setup script for the Windows installer of Qalsody PA Desk (Inno Setup 6).
;
; Build on Windows, from the repository root:
;   py -3.11 dev.py freeze                       (dist\qalsody-desktop\ + smoke test)
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\qalsody.iss
; Output: dist\installer\QalsodyPADesk-<version>-setup.exe
;
; Installs per user by default (no administrator needed; a clinic PC is often locked down);
; the user may choose "for all users" when they have the rights. Patient data lives in
; %LOCALAPPDATA%\QalsodyPADesk and is never removed by the uninstaller.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Qalsody PA Desk"
#define AppExe "qalsody-desktop.exe"
#define SourceDir "..\..\dist\qalsody-desktop"

[Setup]
; the AppId identifies the app to Windows across versions: never change it
AppId={{DD26F540-B2DB-41A7-9ABF-E7E89E8043CD}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Qalsody PA Desk
DefaultDirName={autopf}\Qalsody PA Desk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=QalsodyPADesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\qalsody.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; the whole one-folder build: both executables and _internal\ (Python, Qt, resources)
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an upgrade replaces the libraries wholesale so no file of an older version lingers
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
