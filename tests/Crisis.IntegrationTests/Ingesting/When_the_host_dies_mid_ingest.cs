using System.Net.Http.Headers;
using System.Text;
using Crisis.IntegrationTests.Running;
using static Crisis.IntegrationTests.Running.SyntheticMentions;

namespace Crisis.IntegrationTests.Ingesting;

[NonParallelizable]
public class When_the_host_dies_mid_ingest : IntegrationSpec
{
    [Test]
    public async Task Resending_every_batch_afterwards_loses_nothing_and_doubles_nothing()
    {
        const int batches = 40;
        const int perBatch = 500;
        var at = DateTimeOffset.UtcNow.AddHours(-3);
        // Batches overlap by 50 mentions, as a connector retrying a partly acknowledged page would send.
        var payloads = Enumerable.Range(0, batches)
            .Select(b => Ndjson(Enumerable.Range(b * (perBatch - 50), perBatch).Select(i => Mention("acme", $"k{i}", at.AddSeconds(i % 3600)))))
            .ToArray();
        var unique = (batches - 1) * (perBatch - 50) + perBatch;

        var victim = await HostProcess.StartAsync();
        await RegisterBrandAsync("acme", victim);
        var acknowledged = 0;
        var senders = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var b = worker; b < batches; b += 4)
            {
                try
                {
                    using var content = new StringContent(payloads[b], Encoding.UTF8);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                    using var response = await victim.Http.PostAsync(new Uri("/api/mentions", UriKind.Relative), content);
                    if (response.IsSuccessStatusCode) Interlocked.Increment(ref acknowledged);
                }
                catch (HttpRequestException)
                {
                    return; // the host is gone
                }
            }
        })).ToArray();
        await Eventually.ReturnsAsync(() => Task.FromResult(Volatile.Read(ref acknowledged)), n => n >= 8, because: "some batches to be acknowledged");
        await victim.KillAsync();
        await Task.WhenAll(senders);
        var storedAtCrash = await MentionKeysAsync();
        await victim.DisposeAsync();

        Assert.That(storedAtCrash, Is.GreaterThanOrEqualTo(8L * (perBatch - 50)), "every acknowledged batch was committed");
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(storedAtCrash), "keys and events were committed together");

        await using var restarted = await HostProcess.StartAsync();
        foreach (var payload in payloads)
        {
            using var content = new StringContent(payload, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            using var response = await restarted.Http.PostAsync(new Uri("/api/mentions", UriKind.Relative), content);
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        }

        Assert.That(await MentionKeysAsync(), Is.EqualTo(unique));
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(unique));
        Assert.That(await DistinctMentionsInEventsAsync(), Is.EqualTo(unique));
    }
}
