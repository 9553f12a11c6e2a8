#include "sha256.h"

#include <openssl/evp.h>

struct _IcSha256 {
  EVP_MD_CTX *ctx;
};

IcSha256 *
ic_sha256_new (void)
{
  IcSha256 *sha = g_new0 (IcSha256, 1);
  sha->ctx = EVP_MD_CTX_new ();
  if (sha->ctx == NULL || EVP_DigestInit_ex (sha->ctx, EVP_sha256 (), NULL) != 1)
    g_error ("libcrypto cannot compute SHA-256: out of memory?");
  return sha;
}

void
ic_sha256_update (IcSha256 *sha, const void *data, gsize length)
{
  EVP_DigestUpdate (sha->ctx, data, length);
}

char *
ic_sha256_finish (IcSha256 *sha)
{
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  GString *hex = g_string_sized_new (64);

  EVP_DigestFinal_ex (sha->ctx, digest, &length);
  for (unsigned int i = 0; i < length; i++)
    g_string_append_printf (hex, "%02x", digest[i]);
  ic_sha256_free (sha);
  return g_string_free (hex, FALSE);
}

void
ic_sha256_free (IcSha256 *sha)
{
  if (sha == NULL)
    return;
  EVP_MD_CTX_free (sha->ctx);
  g_free (sha);
}
