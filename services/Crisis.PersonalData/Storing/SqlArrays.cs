using Npgsql;
using NpgsqlTypes;

namespace Crisis.PersonalData.Storing;

/// <summary>Text arrays as one typed parameter: the module's statements pass many posts at once through <c>unnest</c>.</summary>
internal static class SqlArrays
{
    public static NpgsqlParameter<string?[]> Texts(IEnumerable<string?> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = values.ToArray() };
}
