#Requires -RunAsAdministrator
<#
.SYNOPSIS
    Stops and removes the KpiIngest Windows service and its binaries. The content root (store, logs,
    configuration, secrets) stays unless -RemoveData is given.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $InstallDir = (Join-Path $env:ProgramFiles 'KpiIngest'),
    [string] $DataDir = (Join-Path $env:ProgramData 'KpiIngest'),
    [string] $ServiceName = 'kpi-ingest',
    [switch] $RemoveData
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
if ($service) {
    if ($service.Status -ne 'Stopped') {
        # The job in progress finishes or rolls back within Service:StopTimeout and is recorded in kpi_run.
        Stop-Service -Name $ServiceName
        $service.WaitForStatus('Stopped', [TimeSpan]::FromMinutes(2))
    }
    & sc.exe delete $ServiceName | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "sc.exe delete $ServiceName failed with exit code $LASTEXITCODE" }
}

if ((Test-Path $InstallDir) -and $PSCmdlet.ShouldProcess($InstallDir, 'Remove binaries')) {
    Remove-Item -Path $InstallDir -Recurse -Force
}

if ($RemoveData -and (Test-Path $DataDir) -and $PSCmdlet.ShouldProcess($DataDir, 'Remove store, logs and configuration')) {
    Remove-Item -Path $DataDir -Recurse -Force
}
elseif (Test-Path $DataDir) {
    Write-Host "Kept $DataDir (store, logs, configuration). Remove it with -RemoveData."
}
