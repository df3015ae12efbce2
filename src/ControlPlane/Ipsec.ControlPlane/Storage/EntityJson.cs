using System.Text.Json;
using Azure.Data.Tables;
using Ipsec.Domain;

namespace Ipsec.ControlPlane.Storage;

/// <summary>Rows keep the domain record as JSON in one column (<c>Data</c>), with the API's spellings.</summary>
static class EntityJson
{
    public const string Data = "Data";

    public static TableEntity ToEntity<T>(string partitionKey, string rowKey, T value) =>
        new(partitionKey, rowKey) { [Data] = JsonSerializer.Serialize(value, ApiJson.Options) };

    public static T FromEntity<T>(TableEntity entity) =>
        JsonSerializer.Deserialize<T>(entity.GetString(Data), ApiJson.Options)
        ?? throw new InvalidDataException($"row {entity.PartitionKey}/{entity.RowKey} has no data");

    /// <summary>OData filter for every row key starting with <paramref name="prefix"/> in one partition.</summary>
    public static string PrefixFilter(string partitionKey, string prefix)
    {
        string upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {upper}");
    }
}
