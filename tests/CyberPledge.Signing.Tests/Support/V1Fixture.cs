namespace CyberPledge.Signing.Tests.Support;

/// <summary>
/// A batch of three canonical encoding v1 versions signed by the v1 code before encoding v2 existed, stored as
/// protobuf bytes: stored data and relayed copies of that age must verify forever, byte for byte.
/// </summary>
internal static class V1Fixture
{
    /// <summary>The signing key's SubjectPublicKeyInfo (DER), base64.</summary>
    public const string PublicKey =
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEMoFQo5GgulCZec1EbswlryBZjFe1SHcCxdu26fKLOwUUo0x3BEbDXGXwqVzIz+1Y"
        + "xydoZLK2p3h9Ki3mBXAMRQ==";

    /// <summary>The three versions (leaf indexes 0, 1, 2 of one tree of three), base64 protobuf.</summary>
    public static readonly string[] Versions =
    [
        "CiQ0ZDJkN2I5ZS04ZTU1LTRhNTktOWI3Yy0yZjBiNmYxZjNjMTAQCRpAYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh"
        + "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYSACKFowBDoCAQVCCnJhbnNvbXdhcmVSBgiAr/rLBmIGbG9hZGVyaiEKEAAA"
        + "AAAAAAAAAAAAAAAAAAASBUFOU1NJGgZjYXNlIDdyIFA/In7VeFf6Mt8pp58ZsljzAt96MFEN8tmM0py5ZhIBegsKAkZSEgVwYXJp"
        + "c4ABAZIBBAgBEAKaAQYIgK/6ywaiAQYIkO7/ywaqAcQBChhFQ0RTQS1QMjU2LVNIQTI1Ni1NRVJLTEUSIIpncsLLNEIoKjZS2M/P"
        + "yYOiCHpqSzmykJ7dCGDzMrNrGkD8J8LtmSbCljMrIe9Au9SbLElolNlOyP0ztEELs5KHk/ixRvm1dZVfM79J/DWta32gM7DaWGVm"
        + "XqOhTkvToLSOKAMyIEYTXOR+cFU91BWPEQbtpN9cb8NkhSB98YyFcFo/cJWRMiDKRYPe3gC8w02aQQbq2QxDwVxL+JSIlIjWB27Y"
        + "AbYUHQ==",
        "CiQ0ZDJkN2I5ZS04ZTU1LTRhNTktOWI3Yy0yZjBiNmYxZjNjMTAQCRpAYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh"
        + "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYSACKFowBDoCAQVCCnJhbnNvbXdhcmVSBgiAr/rLBmIGbG9hZGVyaiEKEAAA"
        + "AAAAAAAAAAAAAAAAAAASBUFOU1NJGgZjYXNlIDdyIFA/In7VeFf6Mt8pp58ZsljzAt96MFEN8tmM0py5ZhIBegsKAkZSEgVwYXJp"
        + "c4ABApIBBAgBEAKaAQYIgK/6ywaiAQYIoIqAzAaqAcYBChhFQ0RTQS1QMjU2LVNIQTI1Ni1NRVJLTEUSIIpncsLLNEIoKjZS2M/P"
        + "yYOiCHpqSzmykJ7dCGDzMrNrGkD8J8LtmSbCljMrIe9Au9SbLElolNlOyP0ztEELs5KHk/ixRvm1dZVfM79J/DWta32gM7DaWGVm"
        + "XqOhTkvToLSOIAEoAzIgl7EsyZzm2swUIjWns1Jyej7oTEB2uiQlbF85Uh9aJNcyIMpFg97eALzDTZpBBurZDEPBXEv4lIiUiNYH"
        + "btgBthQd",
        "CiQ0ZDJkN2I5ZS04ZTU1LTRhNTktOWI3Yy0yZjBiNmYxZjNjMTAQCRpAYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh"
        + "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYSACKFowBDoCAQVCCnJhbnNvbXdhcmVSBgiAr/rLBmIGbG9hZGVyaiEKEAAA"
        + "AAAAAAAAAAAAAAAAAAASBUFOU1NJGgZjYXNlIDdyIFA/In7VeFf6Mt8pp58ZsljzAt96MFEN8tmM0py5ZhIBegsKAkZSEgVwYXJp"
        + "c4ABA5IBBAgBEAKaAQYIgK/6ywaiAQYIsKaAzAaqAaQBChhFQ0RTQS1QMjU2LVNIQTI1Ni1NRVJLTEUSIIpncsLLNEIoKjZS2M/P"
        + "yYOiCHpqSzmykJ7dCGDzMrNrGkD8J8LtmSbCljMrIe9Au9SbLElolNlOyP0ztEELs5KHk/ixRvm1dZVfM79J/DWta32gM7DaWGVm"
        + "XqOhTkvToLSOIAIoAzIgdb40Vsc3SRX6dCiuCOgsft3+QrddXJ8b91ccomwsOMQ="
    ];
}
