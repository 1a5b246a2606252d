// RAII owners for the OpenSSL objects the crypto classes create, and a helper that turns
// OpenSSL's error queue into a sentence. Internal to core/crypto and the tools that sign.
#pragma once

#include <QString>

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

namespace Blackbird::Ssl {

template<typename T, void (*Free)(T *)> struct Deleter
{
    void operator()(T *p) const { Free(p); }
};

inline void freeBio(BIO *bio)
{
    BIO_free(bio);
}

using BioPtr = std::unique_ptr<BIO, Deleter<BIO, freeBio>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using X509ReqPtr = std::unique_ptr<X509_REQ, Deleter<X509_REQ, X509_REQ_free>>;
using X509StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>>;
using X509StoreCtxPtr =
    std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX, X509_STORE_CTX_free>>;

// A read-only memory BIO over bytes that outlive it.
BioPtr memoryBio(const char *data, qsizetype size);
// The bytes written to a memory BIO.
QByteArray bioBytes(BIO *bio);
// Drains OpenSSL's error queue into one readable line, prefixed by what was being done.
QString lastError(const QString &doing);

} // namespace Blackbird::Ssl
