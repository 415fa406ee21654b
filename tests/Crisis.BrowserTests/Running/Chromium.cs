using Microsoft.Playwright;

namespace Crisis.BrowserTests.Running;

/// <summary>
/// Debian's Chromium (ops/install-browser.sh), driven by Playwright. Our machines reach no download server, so
/// Playwright's own browser builds are never used; the flags keep Chromium from calling home, which the closed
/// network refuses connection by connection.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Starts the browser, or fails the run with what to do: these tests never skip for want of a browser.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"Chromium is not installed at {ExecutablePath}: run `bash ops/install-browser.sh` (ops/test.sh does) and run the tests again.");
        }
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
            return (playwright, browser);
        }
        catch (PlaywrightException e)
        {
            playwright.Dispose();
            Assert.Fail($"Chromium at {ExecutablePath} could not start: {e.Message}");
            throw;
        }
    }
}
