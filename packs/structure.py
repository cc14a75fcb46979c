"""
One structure tree for a merged pack, joined from the structure trees of its parts.

Each part's tree is copied after its pages, so its /Pg references land on the pack's
copies of them. The part's top elements go, in pack order, under one /Document
(a part's own /Document becomes a /Part), its /StructParents and /StructParent numbers
are moved up by an offset, and its /ParentTree entries join one number tree. Element ids
(/IDTree) join one name tree; an id another part already uses gets a suffix ("-2").
"""

import pikepdf
from pikepdf import Array, Dictionary, Name, NameTree, NumberTree, String


def as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


class StructureJoiner:
    def __init__(self, pack: pikepdf.Pdf):
        self.pack = pack
        self.top_elements: list = []
        self.parent_tree: dict[int, object] = {}
        self.next_key = 0
        self.role_map = Dictionary()
        self.class_map = Dictionary()
        self.ids: dict[str, Dictionary] = {}

    def add_part(self, part: pikepdf.Pdf, pages: list[pikepdf.Page]) -> bool:
        """Join the tree of a part whose pages were just copied; False if it has none."""
        source = part.Root.get("/StructTreeRoot")
        if source is None or "/K" not in source:
            for page in pages:  # numbers left over from a tree that is gone would dangle
                for obj, key in numbered_objects(page):
                    if key in obj:
                        del obj[key]
            return False
        tree = self.pack.copy_foreign(source)
        offset = self.next_key
        highest = -1
        if "/ParentTree" in tree:
            for key, value in NumberTree(tree.ParentTree).items():
                self.parent_tree[key + offset] = value
                highest = max(highest, key)
        highest = max(highest, int(tree.get("/ParentTreeNextKey", 0)) - 1)
        seen: set = set()
        for page in pages:
            for obj, key in numbered_objects(page):
                number = renumber(obj, key, offset, seen)
                if number is not None:
                    highest = max(highest, number)
        self.next_key = offset + highest + 1
        for element in as_list(tree.K):
            if not isinstance(element, Dictionary) or "/S" not in element:
                continue  # content straight under the root, which PDF does not allow
            if element.get("/S") == Name.Document:
                element.S = Name.Part
            self.top_elements.append(element)
        if "/IDTree" in tree:
            self.add_ids(NameTree(tree.IDTree))
        for name, value in tree.get("/RoleMap", Dictionary()).items():
            if name not in self.role_map:
                self.role_map[name] = value
        for name, value in tree.get("/ClassMap", Dictionary()).items():
            if name not in self.class_map:
                self.class_map[name] = value
        return True

    def add_ids(self, ids: NameTree) -> None:
        for name, element in ids.items():
            unique, suffix = name, 2
            while unique in self.ids:
                unique, suffix = f"{name}-{suffix}", suffix + 1
            if unique != name:
                element.ID = String(unique)
            self.ids[unique] = element

    def finish(self) -> None:
        """Set the pack's /StructTreeRoot and mark the pack as tagged."""
        root = self.pack.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = self.pack.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document, P=root, K=Array())
        )
        for element in self.top_elements:
            element.P = document
        document.K = Array(self.top_elements)
        nums = Array()
        for key in sorted(self.parent_tree):
            nums.append(key)
            nums.append(self.parent_tree[key])
        root.K = Array([document])
        root.ParentTree = self.pack.make_indirect(Dictionary(Nums=nums))
        root.ParentTreeNextKey = self.next_key
        if self.role_map:
            root.RoleMap = self.role_map
        if self.class_map:
            root.ClassMap = self.class_map
        if self.ids:
            ids = NameTree.new(self.pack)
            for name in sorted(self.ids):
                ids[name] = self.ids[name]
            root.IDTree = ids.obj
        self.pack.Root.StructTreeRoot = root
        self.pack.Root.MarkInfo = Dictionary(Marked=True)


def numbered_objects(page: pikepdf.Page) -> list:
    """(object, key) for the page and what on it may carry a /ParentTree number."""
    numbered = [(page.obj, "/StructParents")]
    numbered += [(note, "/StructParent") for note in as_list(page.obj.get("/Annots"))]
    xobjects = page.obj.get("/Resources", Dictionary()).get("/XObject", Dictionary())
    numbered += [(xobject, "/StructParents") for xobject in xobjects.values()]
    return [(obj, key) for obj, key in numbered if isinstance(obj, (Dictionary, pikepdf.Stream))]


def renumber(obj, key: str, offset: int, seen: set) -> int | None:
    """Move obj's number up by offset, once however many pages share obj; its old number."""
    if obj.get(key) is None:
        return None
    if obj.is_indirect:
        if obj.objgen in seen:
            return None
        seen.add(obj.objgen)
    number = int(obj[key])
    obj[key] = number + offset
    return number
