namespace Ike.Encoding.Tests.V2;

/// <summary>
/// Datagrams built by Vectors/make_vectors.py, independently of the codec (Python struct + the cryptography
/// package). Re-run the script to regenerate; the comments there say what each message imitates.
/// </summary>
internal static class StrongSwanVectors
{
    /// <summary>IKE_SA_INIT request 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) N(HASH_ALG) N(REDIR_SUP) ].</summary>
    public const string IkeSaInitRequest =
        "d26f3d81848cd3c300000000000000002120220800000000000001d022000030"
        + "0000002c010100040300000c0100000c800e0100030000080300000c03000008"
        + "02000005000000080400000e28000108000e00000783986aa99ca3dc0bb27755"
        + "310aaa0fe80ca345a61890cd9bc5a946b6fbc13ca6ca2da718c78e96b89743f1"
        + "09fe59020050d7ba5fa4e29008cc518793be35b0f05f80476ee0a2586dbfd221"
        + "bb3919d3630cdf788d3d6d0267a058c6deb7d4ed9cdf26cb5bb49c0120b466e1"
        + "f338d0298b61d82f53811f8f79a3fa4aaf49a042e91314c6294a4f8b38c4eb4c"
        + "d122e2873a4c9c2d98300e808b2776b7c10c95bb3df924b9bf38be3ef0f214b1"
        + "5d9c9b9e0f44fe2a27f980ede9947f84532c493dac8615e2896dec224b6bb30f"
        + "12dc25b93a4bd997357be2cc4482fd05d083a078282dc910cb12d3c041861f58"
        + "4cae1c55da320c5ce206d4a7ab39e19c1ffdc567290000242d9cb5d10ccdabd0"
        + "4ba719020b2bda19e48b97759a726222b8be193a0222a0e32900001c00004004"
        + "7a5e54ee29459dd87207227a3191514a12ad68a82900001c0000400530e91a38"
        + "cbe23c23d872afb46a349c67a45f4ae2290000080000402e290000100000402f"
        + "00020003000400050000000800004016";

    /// <summary>
    /// IKE_AUTH request 1 [ IDi N(INIT_CONTACT) IDr AUTH SA TSi TSr N(MOBIKE_SUP) N(NO_ADD_ADDR) N(MULT_AUTH)
    /// N(EAP_ONLY) N(MSG_ID_SYN_SUP) ] in SK with AES-CBC-256 / HMAC-SHA2-256-128, padded one block more than needed.
    /// </summary>
    public const string IkeAuthRequest =
        "d26f3d81848cd3c39a0f7f7d5485d1ee2e202308000000010000014023000124"
        + "dec921996907ef7ddecc0fbb4db93a72a01d4f390541ec21e2d06b1b622cb3cc"
        + "48cecd7ba24b60ae578b8594d2c4f4438b6d34e7ac9541da31acd5bb7dafbae0"
        + "62f48c974121e77f38ec3f3fc23e5b36dea20fae194978a5650855814aec6b48"
        + "af76674426725b2fce8fc6fa94c25b269d636341e1fd65c58b233f96c7c8dbb4"
        + "ada76cb4bfb46c55ef1802f338797dbad6443f294da784cc9d6f9ab4dacfa5f3"
        + "a1f33570eb850f10205c9791fb0620a1d572e0d0443871fed869806f95946057"
        + "4c690f16a7afa9a1df890550b2235fa87e046be49c7f92b6b9242a21b52c4c6d"
        + "76337a9e304941e58653dfd243a57230d6cca44d0df9299be1bdfb0d1d8fa822"
        + "df842b3a01cc14bf255921e1b6f97ae1fb1b530d9fd4786bec501c0ca41be454";

    public const string SkEi =
        "69368885323455353734ab064598092280f1d2ae07c021acbd3686e6cd01e81e";

    public const string SkAi =
        "e76fa721166a74fcba6ede63f96616fbb8bc3619514ddd5a5a595c5076afbb90";

    public const string Iv =
        "dec921996907ef7ddecc0fbb4db93a72";

    public const ulong InitiatorSpi = 0xd26f3d81848cd3c3;

    public const ulong ResponderSpi = 0x9a0f7f7d5485d1ee;
}
