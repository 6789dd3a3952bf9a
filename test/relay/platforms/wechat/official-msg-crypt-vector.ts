/**
 * The public WXBizMsgCrypt sample (WeCom doc developer.work.weixin.qq.com/document/path/90968, the same safe-mode
 * scheme as WeChat message push): an independent vector for `msg_signature` and AES decryption.
 */
export const OFFICIAL = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  receiverId: 'wx5823bf96d3bd56c7',
  message: {
    timestamp: '1409659813',
    nonce: '1372623149',
    msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
    encrypt:
      'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
  },
  urlCheck: {
    timestamp: '1409659589',
    nonce: '263014780',
    msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
    plain: '1616140317555161061',
  },
} as const;
