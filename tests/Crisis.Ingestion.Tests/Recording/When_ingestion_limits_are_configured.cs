using Crisis.Ingestion.Recording;

namespace Crisis.Ingestion.Tests.Recording;

public class When_ingestion_limits_are_configured
{
    [Test]
    public void The_defaults_are_valid() => Assert.That(new IngestionLimits().Validated(), Is.Not.Null);

    [Test]
    public void Every_setting_out_of_range_is_named()
    {
        var limits = new IngestionLimits { MaxBodyBytes = -1, MaxItemsPerBatch = 0, MaxClockSkew = TimeSpan.FromMinutes(-1) };

        var refused = Assert.Throws<InvalidOperationException>(() => limits.Validated());

        Assert.That(refused!.Message, Does.Contain("Ingestion:MaxBodyBytes").And.Contain("not -1")
            .And.Contain("Ingestion:MaxItemsPerBatch").And.Contain("Ingestion:MaxClockSkew"));
    }
}
