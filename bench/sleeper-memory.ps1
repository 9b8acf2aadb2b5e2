# The private memory of a Windows signal sleeper, next to its daemon's: starts the signal fixture
# as a daemon from this build (run `mvn -B verify` first), finds its sleeper through the sleeper
# file, prints both, and stops the daemon with SIGTERM through the command-line tool.
$ErrorActionPreference = 'Stop'
$target = Join-Path (Split-Path -Parent $PSScriptRoot) 'target'
$classPath = @((Join-Path $target 'classes'), (Join-Path $target 'test-classes')) +
        ((Get-Content (Join-Path $target 'runtime-classpath.txt') -Raw).Trim() -split ';')
$dir = Join-Path ([IO.Path]::GetTempPath()) ('daemoniker-sleeper-' + [guid]::NewGuid())
New-Item -ItemType Directory $dir | Out-Null
& java --enable-native-access=ALL-UNNAMED -cp ($classPath -join ';') io.github.daemoniker.it.fixtures.SignalDaemon "dir=$dir"
if ($LASTEXITCODE -ne 0) { throw 'the daemon did not start' }
$pidFile = Join-Path $dir 'daemon.pid'
try {
    $sleeperFile = Join-Path $dir 'daemon.pid.sleeper'
    $deadline = (Get-Date).AddSeconds(30)
    while (-not (Test-Path $sleeperFile)) {
        if ((Get-Date) -gt $deadline) { throw 'no sleeper file within 30 s' }
        Start-Sleep -Milliseconds 100
    }
    $fields = (Get-Content $sleeperFile -Raw).Trim() -split ' '
    $daemon = Get-Process -Id $fields[0]
    $sleeper = Get-Process -Id $fields[1]
    # java -version writes to stderr, which Windows PowerShell 5.1 turns into errors under 'Stop'
    $version = cmd /c 'java -version 2>&1' | Select-Object -First 1
    '{0:yyyy-MM-dd} on {1}, {2}' -f (Get-Date), $env:COMPUTERNAME, $version
    'sleeper (pid {0}): private {1:N0} KiB, working set {2:N0} KiB' -f $sleeper.Id, ($sleeper.PrivateMemorySize64 / 1KB), ($sleeper.WorkingSet64 / 1KB)
    'daemon  (pid {0}): private {1:N0} KiB, working set {2:N0} KiB' -f $daemon.Id, ($daemon.PrivateMemorySize64 / 1KB), ($daemon.WorkingSet64 / 1KB)
} finally {
    # whatever happened above, the daemon goes
    & java -jar (Join-Path $target 'daemoniker-cli.jar') stop --pid-file $pidFile --kill
    if ($LASTEXITCODE -ne 0) { Write-Warning 'the daemon did not stop' }
}
