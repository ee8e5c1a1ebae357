//! An .xls is a compound file: streams kept as chains of sectors, each sector naming the next in a table. Two
//! things are looked at here before the workbook reader (calamine) is given the file, because the reader trusts
//! them: whether a chain loops back on itself (the reader would go round it, filling memory), and how many cells
//! each sheet spans or declares (the reader makes each sheet a table of every row and column between its first and
//! last cell, and reserves at once the cells its dimensions record declares: one far cell in a 6 KB file asks for
//! gigabytes). The file is read once for both.

/// The special values of the sector table that end a chain or mark a sector as not part of one: every value from
/// this one up.
const MAX_REGULAR_SECTOR: u32 = 0xFFFF_FFFA;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|w| u16::from_le_bytes([w[0], w[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
}

/// The bytes of the chain starting at `start` in `table` (the sector table, or the small sectors' table), a piece
/// of a sector at a time as `piece` gives it, up to `len` bytes. A chain is followed at most as many steps as its
/// table has entries, so that even a loop ends.
fn chain<'p>(table: &[u32], start: u32, len: usize, piece: impl Fn(u32) -> Option<&'p [u8]>) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut k = start;
    for _ in 0..=table.len() {
        if k >= MAX_REGULAR_SECTOR || out.len() >= len {
            break;
        }
        out.extend_from_slice(piece(k)?);
        k = *table.get(k as usize)?;
    }
    out.truncate(len);
    Some(out)
}

/// A compound file's sectors and its table of sectors.
struct Compound<'a> {
    bytes: &'a [u8],
    size: usize,
    table: Vec<u32>,
}

/// Why a compound file's table could not be had.
enum NoTable {
    /// The chain of the table's own lists loops (at this sector).
    Loops(u32),
    /// It cannot be read: the reader says what is wrong.
    Unreadable,
}

impl<'a> Compound<'a> {
    fn read(bytes: &'a [u8]) -> Result<Compound<'a>, NoTable> {
        let shift = u16_at(bytes, 30).ok_or(NoTable::Unreadable)?;
        // Sectors of 512 or 4,096 bytes, as the format has them (the reader refuses any other size).
        if shift != 9 && shift != 12 {
            return Err(NoTable::Unreadable);
        }
        let mut c = Compound { bytes, size: 1 << shift, table: Vec::new() };
        let sectors = bytes.len() / c.size + 1;
        // Where the table is: 109 sectors listed in the header, then a chain of lists (bounded: it may loop too).
        let mut table_at: Vec<u32> = (0..109).filter_map(|k| u32_at(bytes, 76 + 4 * k)).collect();
        let mut next = u32_at(bytes, 68).ok_or(NoTable::Unreadable)?;
        let mut lists = 0;
        while next < MAX_REGULAR_SECTOR {
            lists += 1;
            if lists > sectors {
                return Err(NoTable::Loops(next));
            }
            let list = c.sector(next).ok_or(NoTable::Unreadable)?;
            let words = c.size / 4;
            table_at.extend((0..words - 1).filter_map(|k| u32_at(list, 4 * k)));
            next = u32_at(list, 4 * (words - 1)).ok_or(NoTable::Unreadable)?;
        }
        for at in table_at.into_iter().filter(|&at| at < MAX_REGULAR_SECTOR) {
            let part = c.sector(at).ok_or(NoTable::Unreadable)?;
            let words: Vec<u32> = (0..c.size / 4).filter_map(|k| u32_at(part, 4 * k)).collect();
            c.table.extend(words);
        }
        Ok(c)
    }

    /// Sector `k` (it starts after the header, which takes one sector).
    fn sector(&self, k: u32) -> Option<&'a [u8]> {
        let start = (k as usize).checked_add(1)?.checked_mul(self.size)?;
        self.bytes.get(start..start.checked_add(self.size)?)
    }

    /// The first sector of a chain of the table of which a loop came back to, if any.
    fn first_loop(&self) -> Option<u32> {
        // Each chain is followed once: a sector met again on the walk that reached it closes a loop.
        const UNSEEN: u8 = 0;
        const ON_WALK: u8 = 1;
        const DONE: u8 = 2;
        let table = &self.table;
        let mut state = vec![UNSEEN; table.len()];
        let mut walk = Vec::new();
        for start in 0..table.len() {
            let mut k = start;
            walk.clear();
            while let Some(&seen) = state.get(k) {
                match seen {
                    DONE => break,
                    ON_WALK => return Some(k as u32),
                    _ => {}
                }
                state[k] = ON_WALK;
                walk.push(k);
                if table[k] >= MAX_REGULAR_SECTOR {
                    break;
                }
                k = table[k] as usize;
            }
            for &w in &walk {
                state[w] = DONE;
            }
        }
        None
    }

    /// The workbook stream (`Workbook`, or `Book` in older files), from the big sectors or the small ones.
    fn workbook_stream(&self) -> Option<Vec<u8>> {
        let big = |k: u32| self.sector(k);
        let entries = chain(&self.table, u32_at(self.bytes, 48)?, usize::MAX, big)?;
        let entry = |e: &[u8]| {
            let name_len = usize::from(u16_at(e, 64)?).min(64);
            let name: Vec<u16> = (0..name_len / 2).filter_map(|i| u16_at(e, 2 * i)).take_while(|&c| c != 0).collect();
            Some((String::from_utf16_lossy(&name), e[66], u32_at(e, 116)?, u32_at(e, 120)? as usize))
        };
        let all: Vec<_> = entries.chunks_exact(128).filter_map(entry).collect();
        let (_, _, start, len) =
            all.iter().find(|(name, typ, ..)| *typ == 2 && (name == "Workbook" || name == "Book"))?;
        if *len >= u32_at(self.bytes, 56)? as usize {
            return chain(&self.table, *start, *len, big);
        }
        // A stream under the cutoff lies in small sectors, kept in the root's stream and chained in their own table.
        let small = 1usize << u16_at(self.bytes, 32)?.min(12);
        let (_, _, root_start, root_len) = all.iter().find(|(_, typ, ..)| *typ == 5)?;
        let container = chain(&self.table, *root_start, *root_len, big)?;
        let small_table = chain(&self.table, u32_at(self.bytes, 60)?, usize::MAX, big)?;
        let small_table: Vec<u32> = (0..small_table.len() / 4).filter_map(|k| u32_at(&small_table, 4 * k)).collect();
        chain(&small_table, *start, *len, |k| container.get(k as usize * small..(k as usize + 1) * small))
    }
}

/// What is wrong with an .xls that its reader would trust: a chain of sectors that loops (at that sector), or sheets
/// spanning more cells than `limit` allows for its size. The compound file is read once for both.
#[derive(Debug, PartialEq, Eq)]
pub enum Unsound {
    /// A chain of sectors comes back on itself at this sector.
    Loops(u32),
    /// Its sheets span this many cells.
    Cells(u64),
}

/// Looks at an .xls before its reader does (see [`Unsound`]); `Ok` also when it cannot be read, since the reader
/// then says what is wrong. `limit` gives the most cells a file of so many bytes may span.
pub fn xls_unsound(bytes: &[u8], limit: u64) -> Result<(), Unsound> {
    let c = match Compound::read(bytes) {
        Err(NoTable::Loops(at)) => return Err(Unsound::Loops(at)),
        Err(NoTable::Unreadable) => return Ok(()),
        Ok(c) => c,
    };
    if let Some(at) = c.first_loop() {
        return Err(Unsound::Loops(at));
    }
    match c.cells_spanned() {
        Some(cells) if cells > limit => Err(Unsound::Cells(cells)),
        _ => Ok(()),
    }
}

impl Compound<'_> {
    /// The cells the reader makes room for in the sheets of an .xls: for each sheet, every row and column between its
    /// first and last cell with something in it, or, if more, as many as the sheet's dimensions record declares (the
    /// reader reserves them at once, whatever the file holds), summed over the sheets. `None` when the workbook stream
    /// cannot be found (the reader then says what is wrong).
    fn cells_spanned(&self) -> Option<u64> {
        let stream = self.workbook_stream()?;
        // For the sheet being read: its first and last row and column with a cell, and the cells it declares.
        let mut span: Option<(u16, u16, u16, u16)> = None;
        let mut declared = 0u64;
        let mut total = 0u64;
        let mut close = |span: &mut Option<(u16, u16, u16, u16)>, declared: &mut u64| {
            let spanned = span.take().map_or(0, |(r0, r1, c0, c1)| (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1));
            total = total.saturating_add(spanned.max(std::mem::take(declared)));
        };
        let mut at = 0;
        while let (Some(typ), Some(len)) = (u16_at(&stream, at), u16_at(&stream, at + 2)) {
            let data = stream.get(at + 4..at + 4 + usize::from(len)).unwrap_or(&[]);
            at += 4 + usize::from(len);
            // Records that place one cell (row, column first), and a run of numbers (its last column at its end).
            let cell = match typ {
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    u16_at(data, 0).zip(u16_at(data, 2)).map(|(r, c)| (r, c, c))
                }
                0x00BD => {
                    let last = data.len().checked_sub(2).and_then(|e| u16_at(data, e));
                    u16_at(data, 0).zip(u16_at(data, 2)).zip(last).map(|((r, c0), c1)| (r, c0, c1.max(c0)))
                }
                0x0200 => {
                    declared = declared.max(dimensions(data));
                    None
                }
                0x0809 | 0x000A => {
                    close(&mut span, &mut declared);
                    None
                }
                _ => None,
            };
            if let Some((r, c0, c1)) = cell {
                span = Some(match span {
                    None => (r, r, c0, c1),
                    Some((r0, r1, a, b)) => (r0.min(r), r1.max(r), a.min(c0), b.max(c1)),
                });
            }
        }
        close(&mut span, &mut declared);
        Some(total)
    }
}

/// The cells a dimensions record declares, counted as the reader counts them (first and last row and column; a
/// last before the first wraps round, as it does in the reader).
fn dimensions(data: &[u8]) -> u64 {
    let (rows, first_col, last_col) = match data.len() {
        10 => (u16_at(data, 0).map(u32::from).zip(u16_at(data, 2).map(u32::from)), u16_at(data, 4), u16_at(data, 6)),
        14 | 16 => (u32_at(data, 0).zip(u32_at(data, 4)), u16_at(data, 8), u16_at(data, 10)),
        _ => return 0,
    };
    let (Some((rf, rl)), Some(cf), Some(cl)) = (rows, first_col, last_col) else { return 0 };
    let (cf, cl) = (u32::from(cf), u32::from(cl));
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    if rl == 0 || cl == 0 {
        return 1;
    }
    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1);
    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1);
    u64::from(rows) * u64::from(cols)
}
