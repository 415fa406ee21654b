using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace Crisis.Detection.Monitoring;

/// <summary>
/// A JSON file read as configuration under a section (its top-level keys become <c>{section}:{key}</c>): the detector
/// options file keeps the flat format the evaluation tools write, and still binds with the rest of <c>Detection</c>.
/// </summary>
internal sealed class PrefixedJsonFileSource(string section, string path) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(section, path);

    private sealed class Provider(string section, string path) : JsonStreamConfigurationProvider(new JsonStreamConfigurationSource())
    {
        public override void Load()
        {
            using var stream = File.OpenRead(path);
            Load(stream);
        }

        public override void Load(Stream stream)
        {
            base.Load(stream);
            Data = Data.ToDictionary(e => ConfigurationPath.Combine(section, e.Key), e => e.Value, StringComparer.OrdinalIgnoreCase);
        }
    }
}
