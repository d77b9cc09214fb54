using System.Xml.Linq;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using QuizBot.Storage.Tables;

namespace QuizBot.Storage;

// Section "DataProtection". The key ring protects secrets QuizBot keeps (workspace bot tokens); every instance must
// read the same ring, or a token one instance stored is unreadable to the next.
internal sealed class KeyRingOptions
{
    // The embedded store's key folder. Empty: "keys" beside the SQLite file.
    public string? KeyFolder { get; set; }
}

internal static class KeyRingSetup
{
    public const string ApplicationName = "QuizBot";

    // Where the ring lives follows the store: SQLite, a folder beside the database; Azure Tables, a table beside the
    // data ("{prefix}Keys"), so instances that share the data share the keys. Keys are kept unencrypted at rest, as the
    // data is; README ("Tokens at rest") says how to wrap them with Azure Key Vault or a certificate.
    public static IServiceCollection AddKeyRing(this IServiceCollection services)
    {
        services.AddOptions<KeyRingOptions>().BindConfiguration("DataProtection");
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<StorageOptions>, IOptions<SqliteOptions>, IOptions<TableStoreOptions>, IOptions<KeyRingOptions>, ILoggerFactory>(
                (keys, storage, sqlite, tables, ring, logs) =>
                {
                    keys.XmlRepository = storage.Value.Provider == StorageOptions.AzureTables
                        ? new TableKeyRing(tables.Value.CreateServiceClient().GetTableClient(tables.Value.TablePrefix + "Keys"))
                        : new FileSystemXmlRepository(new DirectoryInfo(Folder(sqlite.Value, ring.Value)), logs);
                });
        return services;
    }

    private static string Folder(SqliteOptions sqlite, KeyRingOptions ring) =>
        !string.IsNullOrWhiteSpace(ring.KeyFolder)
            ? Path.GetFullPath(ring.KeyFolder)
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sqlite.Path))!, "keys");
}

// The key ring in a table: one row per key XML element (a few hundred bytes each; a ring holds a handful).
internal sealed class TableKeyRing(TableClient table) : IXmlRepository
{
    private const string Partition = "keys";
    private readonly Lazy<bool> _created = new(() =>
    {
        table.CreateIfNotExists();
        return true;
    });

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        _ = _created.Value;
        return [.. table.Query<TableEntity>(e => e.PartitionKey == Partition).Select(e => XElement.Parse(e.GetString("Xml")))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        _ = _created.Value;
        var row = TableKeys.Segment(string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName);
        try
        {
            table.AddEntity(new TableEntity(Partition, row) { ["Xml"] = element.ToString(SaveOptions.DisableFormatting) });
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another instance stored a key under the same name: key names are GUIDs, so it is the same key.
        }
    }
}
