using Azure;
using Azure.Data.Tables;

namespace QuizBot.Storage.Tables;

// Installs table: partition "i|{channel}", row {team}; install-link nonces in partition "n|{nonce}" (one row each, so
// inserting one is the single-use check: a second insert is a 409).
internal sealed partial class TableQuizStore
{
    private static string InstallPk(string channel) => "i|" + TableKeys.Segment(channel);

    public async Task SaveInstallAsync(Installation install, CancellationToken ct)
    {
        var e = new TableEntity(InstallPk(install.Channel), TableKeys.Segment(install.Team))
        {
            ["Team"] = install.Team,
            ["Enterprise"] = install.Enterprise,
            ["TeamName"] = install.TeamName,
            ["BotUser"] = install.BotUser,
            ["Token"] = install.ProtectedToken,
            ["Scopes"] = install.Scopes,
            ["InstalledAt"] = Ms(install.InstalledAt),
        };
        await _installs.UpsertEntityAsync(e, TableUpdateMode.Replace, ct);
    }

    public async Task<Installation?> GetInstallAsync(string channel, string team, CancellationToken ct) =>
        await GetAsync(_installs, InstallPk(channel), TableKeys.Segment(team), ct) is { } e
            ? new Installation(channel, team, e.GetString("Enterprise"), e.GetString("TeamName"), e.GetString("BotUser"), e.GetString("Token"),
                e.GetString("Scopes"), At(e, "InstalledAt"), AtOrNull(e, "RevokedAt"))
            : null;

    // A merge keeps the rest of the row for the record; the token is replaced by null, which deletes the property.
    public async Task RevokeInstallAsync(string channel, string team, DateTimeOffset at, CancellationToken ct)
    {
        var pk = InstallPk(channel);
        var rk = TableKeys.Segment(team);
        var existing = await GetAsync(_installs, pk, rk, ct);
        var e = existing ?? new TableEntity(pk, rk) { ["Team"] = team, ["InstalledAt"] = Ms(at) };
        e.Remove("Token");
        e["RevokedAt"] = Ms(at);
        await _installs.UpsertEntityAsync(e, TableUpdateMode.Replace, ct);
    }

    public async Task<bool> UseNonceAsync(string nonce, DateTimeOffset expires, CancellationToken ct)
    {
        try
        {
            await _installs.AddEntityAsync(new TableEntity("n|" + TableKeys.Segment(nonce), "") { ["ExpiresAt"] = Ms(expires) }, ct);
            return true;
        }
        catch (RequestFailedException e) when (Is(e, 409))
        {
            return false;
        }
    }
}
