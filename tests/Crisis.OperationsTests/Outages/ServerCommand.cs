using System.Diagnostics;

namespace Crisis.OperationsTests.Outages;

/// <summary>Runs an operator's command on a test server (stop, start), failing with its output when it fails.</summary>
public static class ServerCommand
{
    public static async Task RunAsync(string command)
    {
        // Descriptors inherited from the caller (flock's lock on /tmp/crisis-integration.lock among them) are closed first:
        // a server started from here would otherwise hold the lock for as long as it runs.
        const string closeInherited = "for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\" 2>/dev/null; done; ";
        var start = new ProcessStartInfo("bash", ["-c", closeInherited + command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run: {command}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}: {await output}{await error}");
    }
}
