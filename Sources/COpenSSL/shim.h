// OpenSSL's libcrypto, for SHA-256 and HMAC-SHA256 (Debian's libssl-dev).
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
