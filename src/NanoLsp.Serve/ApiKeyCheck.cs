using System.Security.Cryptography;
using System.Text;

namespace NanoLsp.Serve;

/// <summary>
/// The optional API key, as OpenAI clients send it: <c>Authorization: Bearer KEY</c>. Hand-written because ASP.NET
/// Core has no API-key scheme of its own (JwtBearer is for tokens it can validate, and a package besides); it is one
/// constant-time comparison. A wrong or missing key is 401 with the API's error body and never echoes the key.
/// </summary>
public sealed class ApiKeyCheck(byte[] key)
{
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        string header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        bool valid = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
                     && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), key);
        if (valid)
        {
            await next(http);
            return;
        }
        http.Response.Headers.WWWAuthenticate = "Bearer";
        await new ApiError(StatusCodes.Status401Unauthorized,
            header.Length == 0 ? "An API key is required: send Authorization: Bearer KEY." : "The API key is not valid.",
            "invalid_request_error", code: "invalid_api_key").WriteAsync(http);
    }
}
