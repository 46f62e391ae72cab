; Inno Setup 6 script of the wuye-desk installer (Windows 10/11, 64-bit).
;
; Build the folder first, then the installer, on a Windows PC:
;   py packaging\build.py --installer
; which runs:
;   ISCC.exe /DAppVersion=0.1.0 /DDistDir=<repo>\dist /O<repo>\dist packaging\windows\wuye-desk.iss
;
; The program goes to Program Files; the data (database, backups, logs, this
; PC's settings) lives in the user's data folder, %LOCALAPPDATA%\wuye-desk,
; which the program makes on its first start. This installer never writes there
; and the uninstaller never deletes it: an uninstall, reinstall or upgrade keeps
; every record. An upgrade installs over the old version; the program backs the
; database up before it migrates it.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef DistDir
  #define DistDir "..\..\dist"
#endif

#define AppName "wuye-desk 物业前台"
#define AppExe "wuye-desk.exe"

[Setup]
; a fixed id: every version upgrades the same installation
AppId={{5C2B7E0A-8F1D-4C3B-9A57-2E6D0B4F1C93}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=wuye-desk
DefaultDirName={autopf}\wuye-desk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputBaseFilename=wuye-desk-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\wuye-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Program Files needs administrator rights; the data folder is per user
PrivilegesRequired=admin
; the desk may be open while upgrading: ask to close it
CloseApplications=yes

[Languages]
; Inno Setup's own Chinese messages are an unofficial translation: put
; ChineseSimplified.isl into Inno Setup's Languages folder and add /DChinese
#ifdef Chinese
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; the whole one-folder build: wuye-desk.exe (window), wuye-desk-cli.exe (console), _internal\
Source: "{#DistDir}\wuye-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; files of an older version that this one no longer ships (never the data: it is not under {app})
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

; No [UninstallDelete] section on purpose: the uninstaller removes only the files
; it installed. %LOCALAPPDATA%\wuye-desk (database, backups, logs) stays.
