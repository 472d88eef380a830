//! The model file: one gzip-compressed binary file per language (`models/<lang>.model.gz`),
//! holding each stage's tables and perceptron weights in order. [`Writer`] and [`Reader`] are the
//! byte-level codec (LEB128 integers, little-endian floats, length-prefixed strings); the
//! stages write and read their own sections.

use std::io::{Read as _, Write as _};

use anyhow::{bail, Context as _};

/// The format's magic and version: a reader refuses any other.
pub const MAGIC: &[u8; 8] = b"SAHSYN02";

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    /// An unsigned integer, LEB128.
    pub fn varint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(byte);
                break;
            }
            self.buf.push(byte | 0x80);
        }
    }

    /// A size or index.
    pub fn usize(&mut self, v: usize) {
        self.varint(v as u64);
    }

    /// A float.
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// A byte.
    pub fn byte(&mut self, v: u8) {
        self.buf.push(v);
    }

    /// A string.
    pub fn str(&mut self, s: &str) {
        self.usize(s.len());
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// A list of strings.
    pub fn strs(&mut self, list: &[String]) {
        self.usize(list.len());
        for s in list {
            self.str(s);
        }
    }

    /// The bytes written.
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    /// The bytes written, gzip-compressed behind [`MAGIC`].
    pub fn into_file(self) -> anyhow::Result<Vec<u8>> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(MAGIC)?;
        enc.write_all(&self.buf)?;
        Ok(enc.finish()?)
    }
}

/// Reads values back; every read checks the bounds.
#[derive(Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Reads from `buf`.
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }

    /// Uncompresses a model file and checks its magic.
    pub fn open_file(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
        if bytes.is_empty() {
            bail!("the model file is empty: train it with `sahel-syntax train`");
        }
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .context("uncompressing the model")?;
        if out.len() < MAGIC.len() || &out[..MAGIC.len()] != MAGIC {
            bail!(
                "not a sahel-syntax model of this version (expected {:?})",
                String::from_utf8_lossy(MAGIC)
            );
        }
        out.drain(..MAGIC.len());
        Ok(out)
    }

    fn take(&mut self, n: usize) -> anyhow::Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len());
        match end {
            Some(end) => {
                let s = &self.buf[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => bail!("model truncated at byte {}", self.pos),
        }
    }

    /// An unsigned integer, LEB128.
    pub fn varint(&mut self) -> anyhow::Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        bail!("varint too long at byte {}", self.pos)
    }

    /// A size or index (bounded, so a corrupt file cannot ask for a huge allocation).
    pub fn usize(&mut self) -> anyhow::Result<usize> {
        let v = self.varint()?;
        if v > (1 << 32) {
            bail!("size {v} out of range at byte {}", self.pos);
        }
        Ok(v as usize)
    }

    /// A float.
    pub fn f32(&mut self) -> anyhow::Result<f32> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A byte.
    pub fn byte(&mut self) -> anyhow::Result<u8> {
        Ok(self.take(1)?[0])
    }

    /// A string.
    pub fn str(&mut self) -> anyhow::Result<String> {
        let n = self.usize()?;
        let b = self.take(n)?;
        Ok(std::str::from_utf8(b).context("string not UTF-8")?.to_owned())
    }

    /// A list of strings.
    pub fn strs(&mut self) -> anyhow::Result<Vec<String>> {
        let n = self.usize()?;
        (0..n).map(|_| self.str()).collect()
    }

    /// Whether everything was read.
    pub fn at_end(&self) -> bool {
        self.pos == self.buf.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_truncation() {
        let mut w = Writer::default();
        w.varint(u64::MAX);
        w.usize(300);
        w.f32(-1.5);
        w.byte(7);
        w.str("déjà");
        w.strs(&["a".to_owned(), String::new()]);
        let bytes = w.into_file().expect("compresses");
        let raw = Reader::open_file(&bytes).expect("opens");
        let mut r = Reader::new(&raw);
        assert_eq!(r.varint().expect("v"), u64::MAX);
        assert_eq!(r.usize().expect("u"), 300);
        assert_eq!(r.f32().expect("f"), -1.5);
        assert_eq!(r.byte().expect("b"), 7);
        assert_eq!(r.str().expect("s"), "déjà");
        assert_eq!(r.strs().expect("l"), vec!["a".to_owned(), String::new()]);
        assert!(r.at_end());
        assert!(r.byte().is_err());
        assert!(Reader::open_file(b"").is_err());
        assert!(Reader::open_file(b"not gzip").is_err());
    }
}
