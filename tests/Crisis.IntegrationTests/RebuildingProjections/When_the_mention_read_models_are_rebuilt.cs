using System.Net.Http.Json;
using Crisis.IntegrationTests.Running;
using static Crisis.IntegrationTests.RebuildingProjections.MentionReadModels;

namespace Crisis.IntegrationTests.RebuildingProjections;

/// <summary>
/// The brand curves and the mentions summary read projections of their own (brand_mention_minutes, brand_mention_totals
/// and its languages and authors). They must say what the events say, keep organisations apart, and come back the same
/// from <c>crisis projections rebuild</c> when their rows are lost.
/// </summary>
[NonParallelizable]
public class When_the_mention_read_models_are_rebuilt : IntegrationSpec
{
    private (DateTimeOffset From, DateTimeOffset To) window;

    private DateTimeOffset From => window.From;

    private DateTimeOffset To => window.To;

    [SetUp]
    public void ChooseTheWindow() => window = RecentWindow();

    private async Task TwoBrandsAsync()
    {
        await RegisterBrandAsync("acme");
        await RegisterBrandAsync("globex");
        // Two posts so that a stream gets a second event, and its minutes rows are added to, not only inserted.
        await PostAsync(Host.Http, [.. Scatter("acme", window, 60, seed: 1), .. Scatter("globex", window, 30, seed: 2)]);
        await PostAsync(Host.Http, Scatter("acme", window, 40, seed: 3));
    }

    private static Task<(int Exit, string Out, string Error)> SummaryAsync() => RunCliCapturedAsync("mentions", "summary", "--output", "json");

    [TestCase(1)]
    [TestCase(5)]
    [TestCase(10)]
    public async Task The_curve_counts_per_bucket_what_the_events_hold(int bucketMinutes)
    {
        await TwoBrandsAsync();

        var curve = await CurveAsync(Host.Http, "acme", From, To, bucketMinutes);
        var expected = await CurveFromEventsAsync(Database, Schema, "acme", From, To, bucketMinutes);

        Assert.That(curve, Has.Count.EqualTo(40 / bucketMinutes));
        Assert.That(curve.Where(p => p.Item2 > 0), Is.EqualTo(expected));
        Assert.That(curve.Sum(p => p.Item2), Is.EqualTo(100));
    }

    [Test]
    public async Task The_summary_says_per_brand_what_the_events_hold()
    {
        await TwoBrandsAsync();

        var (exit, json, error) = await SummaryAsync();

        Assert.That(exit, Is.Zero, error);
        var summary = SummaryFromCli(json);
        Assert.That(summary, Is.EqualTo(await SummaryFromEventsAsync(Database, Schema)));
        Assert.That(summary.Keys, Is.EquivalentTo(new[] { "acme", "globex" }));
    }

    [Test]
    public async Task Rebuilding_after_the_rows_are_lost_gives_the_same_answers()
    {
        await TwoBrandsAsync();
        var curve = await CurveAsync(Host.Http, "acme", From, To, 5);
        var summary = (await SummaryAsync()).Out;

        await ScalarAsync("DELETE FROM {schema}.brand_mention_minutes");
        await ScalarAsync("DELETE FROM {schema}.brand_mention_totals; DELETE FROM {schema}.brand_mention_languages; DELETE FROM {schema}.brand_mention_authors");
        Assert.That((await CurveAsync(Host.Http, "acme", From, To, 5)).Sum(p => p.Item2), Is.Zero, "the curve reads the lost rows");
        Assert.That(SummaryFromCli((await SummaryAsync()).Out), Is.Empty, "the summary reads the lost rows");

        var minutes = await RunCliCapturedAsync("projections", "rebuild", "--projection", "MentionMinutes");
        var totals = await RunCliCapturedAsync("projections", "rebuild", "--projection", "MentionTotals");

        Assert.Multiple(() =>
        {
            Assert.That(minutes.Exit, Is.Zero, minutes.Error);
            Assert.That(minutes.Out, Does.Contain("projection MentionMinutes (inline) rebuilt"));
            Assert.That(totals.Exit, Is.Zero, totals.Error);
            Assert.That(totals.Out, Does.Contain("projection MentionTotals (inline) rebuilt"));
        });
        Assert.That(await CurveAsync(Host.Http, "acme", From, To, 5), Is.EqualTo(curve));
        Assert.That(SummaryFromCli((await SummaryAsync()).Out), Is.EqualTo(SummaryFromCli(summary)));
    }

    [Test]
    public async Task A_rebuild_twice_over_does_not_count_twice()
    {
        await TwoBrandsAsync();
        var curve = await CurveAsync(Host.Http, "acme", From, To, 10);

        Assert.That((await RunCliCapturedAsync("projections", "rebuild", "--projection", "MentionMinutes")).Exit, Is.Zero);
        Assert.That((await RunCliCapturedAsync("projections", "rebuild", "MentionMinutes")).Exit, Is.Zero, "the runbook's older form");

        Assert.That(await CurveAsync(Host.Http, "acme", From, To, 10), Is.EqualTo(curve));
    }

    [Test]
    public async Task An_unknown_projection_is_refused_naming_the_argument_and_listing_the_projections()
    {
        var (exit, output, error) = await RunCliCapturedAsync("projections", "rebuild", "--projection", "NoSuchThing");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--projection").And.Contain("'NoSuchThing' is not a projection").And.Contain("MentionMinutes").And.Contain("MentionTotals"));
        Assert.That(output, Does.Not.Contain("rebuilt"));
    }

    [Test]
    public async Task Another_organisations_mentions_in_the_same_minutes_neither_count_nor_show()
    {
        const string other = "other-org";
        using var theirs = Host.ClientFor(other, "olga");
        using (var registered = await theirs.PostAsJsonAsync("/api/brands", new { id = "zztheirs", name = "Theirs", organisationId = other }))
            Assert.That(registered.IsSuccessStatusCode, Is.True, await registered.Content.ReadAsStringAsync());
        await RegisterBrandAsync("acme");
        // The same seed: their posts fall in exactly our minutes.
        await PostAsync(Host.Http, Scatter("acme", window, 40, seed: 7));
        await PostAsync(theirs, Scatter("zztheirs", window, 40, seed: 7));

        var ours = await CurveAsync(Host.Http, "acme", From, To, 1);
        var theirCurve = await CurveAsync(theirs, "zztheirs", From, To, 1);
        using var peek = await Host.Http.GetAsync(new Uri("/api/brands/zztheirs/series", UriKind.Relative));

        Assert.That(ours.Sum(p => p.Item2), Is.EqualTo(40));
        Assert.That(theirCurve.Sum(p => p.Item2), Is.EqualTo(40));
        Assert.That(ours.Select(p => p.Item2), Is.EqualTo(theirCurve.Select(p => p.Item2)), "the same minutes, counted apart");
        Assert.That(peek.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
    }
}
