#Requires -RunAsAdministrator
<#
.SYNOPSIS
    Installs KpiIngest as a Windows service running as the virtual account NT SERVICE\kpi-ingest.

.DESCRIPTION
    Copies a published build to -InstallDir, makes -DataDir the content root (data\kpi.db, data\outbox, logs\,
    appsettings.json, secrets.json), gives the service account Modify on -DataDir only, creates the service with
    automatic (delayed) start, restart-on-failure recovery actions, and starts it.

    Publish first, on a machine with the .NET 10 SDK (the plain build: it answers the service control manager when
    the SCM starts it, and is a console program otherwise):
        dotnet publish src\KpiIngest.Worker -c Release -r win-x64 --self-contained true -o out\win-x64

.EXAMPLE
    .\install.ps1 -PublishDir ..\..\out\win-x64
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PublishDir,
    [string] $InstallDir = (Join-Path $env:ProgramFiles 'KpiIngest'),
    [string] $DataDir = (Join-Path $env:ProgramData 'KpiIngest'),
    [string] $ServiceName = 'kpi-ingest'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Invoke-Sc {
    & sc.exe @args | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "sc.exe $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

$exe = Join-Path $PublishDir 'kpi-ingest.exe'
if (-not (Test-Path $exe)) { throw "$exe not found: publish first (see Get-Help .\install.ps1)." }
if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) {
    throw "The service $ServiceName exists already: to upgrade, stop it, copy the new build over $InstallDir and start it (docs\deployment.md)."
}

# 1. Binaries, read-only to the service (Program Files already grants Users read and execute).
New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
Copy-Item -Path (Join-Path $PublishDir '*') -Destination $InstallDir -Recurse -Force

# 2. Content root: configuration, store, outbox and logs.
foreach ($folder in @($DataDir, (Join-Path $DataDir 'data'), (Join-Path $DataDir 'logs'))) {
    New-Item -ItemType Directory -Force -Path $folder | Out-Null
}
$settings = Join-Path $DataDir 'appsettings.json'
if (-not (Test-Path $settings)) {
    @'
{
  "Source": { "Provider": "Sqlite", "ConnectionString": "" },
  "Store": { "Provider": "Sqlite", "ConnectionString": "Data Source=data\\kpi.db" },
  "Province": { "Name": "", "Code": "" },
  "Service": { "StopTimeout": "00:00:20", "Health": { "Enabled": true, "Urls": "http://127.0.0.1:5080" } },
  "Email": { "PickupDirectory": "data\\outbox" }
}
'@ | Set-Content -Path $settings -Encoding utf8
}

# Secrets (passwords) live apart from the settings, in a file only the service, SYSTEM and Administrators read.
# The service's registry Environment value would be readable by every local user: do not put secrets there.
$secrets = Join-Path $DataDir 'secrets.json'
if (-not (Test-Path $secrets)) {
    @'
{
  "Source": { },
  "Email": { "Smtp": { } }
}
'@ | Set-Content -Path $secrets -Encoding utf8
}

# 3. The service, as a virtual account (no password; on a domain it reaches other machines as DOMAIN\COMPUTER$).
$binPath = "`"$(Join-Path $InstallDir 'kpi-ingest.exe')`" run --content-root `"$DataDir`" --config `"$secrets`""
New-Service -Name $ServiceName -BinaryPathName $binPath -DisplayName 'KpiIngest' `
    -Description 'One-stop-shop KPI snapshots (NQ 02/NQ-CP, QĐ 766) from the province dossier database.' `
    -StartupType Automatic | Out-Null
Invoke-Sc config $ServiceName obj= "NT SERVICE\$ServiceName"
Invoke-Sc config $ServiceName start= delayed-auto

# Recovery: restart after 30 s, 30 s, then 5 min; count failures over a day. failureflag 1 applies the actions
# also when the process exits with a non-zero code (a failed start, a job that would not stop), not only on a crash.
Invoke-Sc failure $ServiceName reset= 86400 actions= restart/30000/restart/30000/restart/300000
Invoke-Sc failureflag $ServiceName 1

# 4. Least privilege on the content root: no inheritance from ProgramData (which lets Users read), then full
# control for SYSTEM and Administrators and Modify for the service account only.
$account = "NT SERVICE\$ServiceName"
& icacls.exe $DataDir /inheritance:r /grant:r '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F' "${account}:(OI)(CI)M" /T /Q | Out-Host
if ($LASTEXITCODE -ne 0) { throw "icacls on $DataDir failed with exit code $LASTEXITCODE" }

Write-Host ''
Write-Host "Installed $ServiceName. Next:"
Write-Host "  1. Edit $settings (source, store, province) and $secrets (passwords), e.g."
Write-Host '       { "Source": { "ConnectionString": "Server=db;Database=igate;User ID=kpi_reader;Password=...;Encrypt=True;TrustServerCertificate=False" } }'
Write-Host "     or grant the SQL Server login of this machine's account (integrated security) and keep no password at all."
Write-Host "  2. Check:  & '$InstallDir\kpi-ingest.exe' check-source --content-root '$DataDir' --config '$secrets'"
Write-Host "  3. Start:  Start-Service $ServiceName; Get-Content '$DataDir\logs\kpi-ingest-*.log' -Tail 20 -Wait"
