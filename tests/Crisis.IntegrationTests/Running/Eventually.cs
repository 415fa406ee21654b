namespace Crisis.IntegrationTests.Running;

/// <summary>Waits for a condition that another process makes true (a consumer, a projection) instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var delay = TimeSpan.FromMilliseconds(25);
        while (true)
        {
            var value = await probe();
            if (until(value)) return value;
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting{(because is null ? "" : " for " + because)}; last value: {value}");
            }
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(500, delay.TotalMilliseconds * 2));
        }
    }
}
