using Crisis.Ingestion.Recording;
using Crisis.Ingestion.Scoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crisis.Ingestion.Tests.Recording;

/// <summary>The intake's settings are validated options: a wrong value is refused with its name, before any mention arrives.</summary>
public class When_the_intake_settings_are_read_at_start
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddIngestion(configuration).BuildServiceProvider();
    }

    [Test]
    public void Limits_are_bound_from_the_ingestion_section()
    {
        using var services = Services(("Ingestion:MaxItemsPerBatch", "250"), ("Ingestion:TrustUpstreamSentimentForPlatforms:0", "vetted"));
        var limits = services.GetRequiredService<IngestionLimits>();
        Assert.That(limits.MaxItemsPerBatch, Is.EqualTo(250));
        Assert.That(limits.TrustUpstreamSentimentForPlatforms, Is.EqualTo(new[] { "vetted" }));
    }

    [Test]
    public void A_limit_out_of_range_is_refused_by_name()
    {
        using var services = Services(("Ingestion:MaxBodyBytes", "-1"));
        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IngestionLimits>());
        Assert.That(refused!.Message, Does.Contain("Ingestion:MaxBodyBytes"));
    }

    [Test]
    public void A_model_path_that_names_no_file_is_refused()
    {
        using var services = Services(("Ingestion:Scoring:ModelPath", "/nowhere/model.bin"));
        var refused = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<ScoringSettings>>().Value);
        Assert.That(refused!.Message, Does.Contain("Ingestion:Scoring:ModelPath").And.Contain("/nowhere/model.bin"));
    }

    [Test]
    public void Scoring_off_registers_no_scorer()
    {
        using var services = Services(("Ingestion:Scoring:Enabled", "false"));
        Assert.That(services.GetService<INegativityScorer>(), Is.Null);
    }
}
